// Package maplenok is a verifier test: `len` of a map follows insertions (a new key adds
// one, an existing key none), deletions (a present key takes one away, an absent key none)
// and a nil map (none), in code and in annotations.
//
// EXPECT verified
package maplenok

//@ ensures ret == 2
func counts() uint64 {
	m := make(map[uint64]bool)
	m[1] = true
	m[1] = false
	m[2] = true
	delete(m, 7)
	//@ assert len(m) == 2
	return uint64(len(m))
}

//@ ensures ret == 1
func deleted() uint64 {
	m := make(map[uint64]uint64)
	m[3] = 1
	m[4] = 2
	delete(m, 3)
	return uint64(len(m))
}

//@ ensures ret == 0
func none() uint64 {
	var m map[uint64]bool
	delete(m, 1)
	return uint64(len(m))
}

//@ requires m != nil && (forall k uint64 :: acc(m[k]))
//@ ensures len(m) <= old(len(m)) + 1 && len(m) >= 1
func put(m map[uint64]bool, k uint64) {
	m[k] = true
}
