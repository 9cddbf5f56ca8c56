// Package bytescopytruncates is a verifier test: copy stops at the shorter slice, so the last source byte
// is not copied into a 3-byte destination.
//
// EXPECT fail postcondition at line 13
package bytescopytruncates

//@ requires len(src) == 4 && src[3] == 5
//@ ensures ret[3] == 5
func place(src []byte) []byte {
	b := make([]byte, 3)
	copy(b, src)
	b = append(b, 0)
	return b
}
