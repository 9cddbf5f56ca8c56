// Package bytesbytetruncateswrong is a verifier test: a byte cannot hold 256, so byte(x) == x fails for large x.
//
// EXPECT fail postcondition at line 10
package bytesbytetruncateswrong

//@ ensures uint64(ret[0]) == x
func low(x uint64) []byte {
	b := make([]byte, 1)
	b[0] = byte(x)
	return b
}
