// Package bytescopyintooffset is a verifier test: copy into an offset of a fresh slice, and the bytes
// around it are untouched.
//
// EXPECT verified
package bytescopyintooffset

//@ requires len(src) == 4
//@ ensures len(ret) == 16 && ret[4] == src[0] && ret[7] == src[3] && ret[3] == 0 && ret[8] == 0
func place(src []byte) []byte {
	b := make([]byte, 16)
	n := uint64(copy(b[4:], src))
	if n != 4 {
		panic("short copy")
	}
	return b
}
