// Package bytesloopoffbyone is a verifier test: the loop's bound is <= len(b), so the last iteration
// reads past the end.
//
// EXPECT fail safety at line 10
package bytesloopoffbyone

func sum(b []byte) uint64 {
	var s uint64 = 0
	for i := uint64(0); i <= uint64(len(b)); i++ {
		s = s + uint64(b[i])
	}
	return s
}
