// Package progressdrainok is a verifier test: shrinking a slice from the front by
// re-slicing; the measure `len(q) - 0` is found in the condition `len(q) > 0`.
//
// EXPECT verified
package progressdrainok

//@ ensures ret == uint64(len(old(q)))
func count(q []uint64) uint64 {
	var n uint64
	//@ invariant n + uint64(len(q)) == uint64(len(old(q)))
	for len(q) > 0 {
		n++
		q = q[1:]
	}
	return n
}
