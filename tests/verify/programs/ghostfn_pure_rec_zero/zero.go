// Package ghostfnpurereczero is a verifier test: a recursive pure Go function with
// `decreases` (Go has no conditional expression, so its base case is a short-circuit `||`)
// says the first n bytes of a block are zero; a fresh block's are, in an assertion and in code.
//
// EXPECT verified
package ghostfnpurereczero

import "armada/goose/machine/disk"

//@ pure
//@ requires n <= uint64(len(b))
//@ decreases n
func zero(b []byte, n uint64) bool {
	return n == 0 || (b[n-1] == 0 && zero(b, n-1))
}

//@ ensures ret
func fresh() bool {
	b := make([]byte, disk.BlockSize)
	//@ assert zero(b, 8)
	return zero(b, 4)
}

//@ requires len(b) >= 4 && zero(b, 4)
//@ ensures ret == 0
func third(b []byte) byte {
	return b[2]
}
