// Package bytesappendbytes is a verifier test: append of single bytes and of a whole slice
// onto a fresh local (the only append that cannot write into someone else's array).
//
// EXPECT verified
package bytesappendbytes

//@ ensures len(ret) == len(a) + 2 && ret[len(a)] == 1 && ret[len(a)+1] == x
func tag(a []byte, x byte) []byte {
	b := make([]byte, 0)
	b = append(b, a...)
	b = append(b, 1, x)
	return b
}

//@ requires len(a) == 3 && len(c) == 2
//@ ensures len(ret) == 5 && ret[2] == a[2] && ret[3] == c[0] && ret[4] == c[1]
func join(a []byte, c []byte) []byte {
	b := make([]byte, 0)
	b = append(b, a...)
	b = append(b, c...)
	return b
}

//@ ensures len(ret) == 3 && ret[0] == 0 && ret[2] == 9
func build() []byte {
	b := make([]byte, 0)
	b = append(b, 0)
	b = append(b, 7, 9)
	return b
}
