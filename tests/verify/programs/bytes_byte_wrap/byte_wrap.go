// Package bytesbytewrap is a verifier test: byte arithmetic wraps at 256 before it is stored.
//
// EXPECT verified
package bytesbytewrap

//@ ensures uint64(ret[0]) == 44 && ret[1] == 255
func wrap() []byte {
	b := make([]byte, 2)
	b[0] = 100
	b[0] = b[0] + 200
	b[1] = b[1] - 1
	return b
}
