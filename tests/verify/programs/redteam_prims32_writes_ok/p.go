// Package rtprims32writesok is a verifier test: the twin of redteam_prims32_writes with
// what UInt32Put really leaves in the slice.
//
// EXPECT verified
package rtprims32writesok

import "armada/goose/machine/prims"

//@ ensures ret == 7
func loop32() byte {
	b := make([]byte, 8)
	for i := uint64(0); i < 2; i++ {
		//@ invariant len(b) == 8 && (i > 0 ==> b[0] == 7)
		prims.UInt32Put(b, 7)
	}
	return b[0]
}

//@ requires len(b) >= 4
//@ ensures len(b) == old(len(b)) && b[0] == 9 && b[1] == 0
func put(b []byte) {
	prims.UInt32Put(b, 9)
}

//@ ensures ret == 9
func lend() byte {
	b := make([]byte, 8)
	put(b)
	return b[0] + b[1]
}
