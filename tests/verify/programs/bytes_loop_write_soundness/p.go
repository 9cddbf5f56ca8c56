// Package bytesloopwriteunsound: SOUNDNESS BUG (/tmp/brief/byte_findings.md F14). All three
// are PROVED; run in a module where armada/goose/machine/prims resolves, main_test.go prints
// "1 2 7" (each ensures is false).
//
// EXPECT fail postcondition at line 21
// EXPECT fail postcondition at line 33
// EXPECT fail postcondition at line 43
package bytesloopwriteunsound

import "armada/goose/machine/prims"

//@ ensures ret[0] == 0
func loopWrite() []byte {
	b := make([]byte, 4)
	for i := uint64(0); i < 4; i++ {
		//@ invariant i <= 4
		if i < uint64(len(b)) {
			b[i] = 1
		}
	}
	return b
}

//@ ensures prims.UInt64Get(ret) == 0
func loopPut() []byte {
	b := make([]byte, 8)
	for i := uint64(0); i < 2; i++ {
		//@ invariant i <= 2
		if uint64(len(b)) >= 8 {
			prims.UInt64Put(b, i+1)
		}
	}
	return b
}

//@ ensures ret[0] == 0
func loopCopy(s []byte) []byte {
	b := make([]byte, 4)
	for i := uint64(0); i < 1; i++ {
		//@ invariant i <= 1
		copy(b, s)
	}
	return b
}
