// Package subslicebounds is a verifier test: subslice bounds.
//
// EXPECT fail safety at line 8
package subslicebounds

func tooFar() []uint64 {
	s := make([]uint64, 4)
	return s[2:5]
}
