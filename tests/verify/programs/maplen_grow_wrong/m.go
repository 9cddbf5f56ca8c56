// Package maplengrowwrong is a verifier test: claiming that an insertion always adds a key
// fails: the key may already be there.
//
// EXPECT fail postcondition at line 11
package maplengrowwrong

//@ requires m != nil && (forall k uint64 :: acc(m[k]))
//@ ensures len(m) == old(len(m)) + 1
func put(m map[uint64]bool, k uint64) {
	m[k] = true
}
