// Package maprace is a verifier test: map race.
//
// EXPECT fail race at line 8
package maprace

//@ requires m != nil
func get(m map[uint64]uint64, k uint64) uint64 {
	return m[k]
}
