// Package bytesnil is a verifier test that nil-ness is no part of a byte slice's value: an
// empty slice cut from b (b[0:0]) is the same block as make([]byte, 0), yet it is nil when b
// is, and make's is never nil. Comparing each with nil is its own question: the branch where
// b[0:0] is nil is reachable (b nil), and its assertion must fail.
//
// EXPECT fail assert at line 20
package bytesnil

func F(b []byte) uint64 {
	x := make([]byte, 0)
	y := b[0:0]
	if uint64(len(x)) != uint64(len(y)) {
		return 3
	}
	if x == nil {
		return 1
	}
	if y == nil {
		//@ assert false
		return 2
	}
	return 0
}
