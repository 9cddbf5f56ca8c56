// Package rtprims32writes is a verifier test: prims.UInt32Put writes into its argument's
// array like UInt64Put, for a loop (which must forget the slice's bytes) and for a caller
// lending a slice (the callee's parameter is written). Both return 7 and 9 in Go; both
// were proved to return 0 (UInt32Put was missing from the verifier's writing calls).
//
// EXPECT fail postcondition at line 19
// EXPECT fail postcondition at line 31
package rtprims32writes

import "armada/goose/machine/prims"

//@ ensures ret == 0
func loop32() byte {
	b := make([]byte, 8)
	for i := uint64(0); i < 2; i++ {
		//@ invariant len(b) == 8
		prims.UInt32Put(b, 7)
	}
	return b[0]
}

//@ requires len(b) >= 4
func put(b []byte) {
	prims.UInt32Put(b, 9)
}

//@ ensures ret == 0
func lend() byte {
	b := make([]byte, 8)
	put(b)
	return b[0]
}
