// Package subsliceshares is a verifier test: subslice shares.
//
// EXPECT verified
package subsliceshares

// A sub-slice shares its parent's array: a write through one is seen through the other.
//@ ensures ret == 9
func shared() uint64 {
	s := make([]uint64, 4)
	t := s[1:3]
	t[0] = 9
	return s[1]
}
