// Package bytesbranchmerge is a verifier test: byte writes on one branch only, merged after the if.
//
// EXPECT verified
package bytesbranchmerge

import "armada/goose/machine/prims"

//@ ensures (c ==> ret[0] == 1) && (!c ==> ret[0] == 0) && len(ret) == 4
func merge(c bool) []byte {
	b := make([]byte, 4)
	if c {
		b[0] = 1
	}
	return b
}

//@ ensures prims.UInt64Get(ret) == (c ? x : 5)
func mergePut(c bool, x uint64) []byte {
	b := make([]byte, 8)
	if c {
		prims.UInt64Put(b, x)
	} else {
		b[0] = 5
	}
	return b
}
