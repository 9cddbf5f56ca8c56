// Package bytessubslicereads is a verifier test: a sub-slice's bytes are its parent's, shifted.
//
// EXPECT verified
package bytessubslicereads

//@ requires len(b) >= 10
//@ ensures len(ret) == 4 && ret[0] == b[2] && ret[3] == b[5]
func mid(b []byte) []byte {
	w := b[2:6]
	if w[1] != b[3] {
		panic("sub-slice does not share")
	}
	return w
}

//@ requires len(b) >= 10
//@ ensures ret == b[9]
func tail(b []byte) byte {
	t := b[6:]
	return t[3]
}
