// Package bytesbytewrapwrong is a verifier test: 100 + 200 does not fit in a byte.
//
// EXPECT fail postcondition at line 11
package bytesbytewrapwrong

//@ ensures uint64(ret[0]) == 300
func wrap() []byte {
	b := make([]byte, 1)
	b[0] = 100
	b[0] = b[0] + 200
	return b
}
