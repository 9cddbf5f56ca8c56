// Package appendok is a verifier test: append ok.
//
// EXPECT verified
package appendok

//@ ensures len(ret) == 2
func two() []uint64 {
	var s []uint64
	s = append(s, 1)
	s = append(s, 2)
	return s
}
