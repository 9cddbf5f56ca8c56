// Package mapnilwrite is a verifier test: map nil write.
//
// EXPECT fail safety at line 12
package mapnilwrite

type Index struct {
	m map[uint64]uint64
}

//@ requires acc(ix)
func (ix *Index) Put(k uint64, v uint64) {
	ix.m[k] = v
}
