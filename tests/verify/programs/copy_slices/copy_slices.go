// Package copyslices is a verifier test: copy slices.
//
// EXPECT verified
package copyslices

//@ ensures ret == 7
func dup() uint64 {
	s := []uint64{5, 7, 9}
	t := make([]uint64, 2)
	n := uint64(copy(t, s[1:]))
	if n != 2 {
		return 0
	}
	return t[0]
}
