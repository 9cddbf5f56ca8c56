// Package bytesbytetruncates is a verifier test: byte(x) keeps the low 8 bits, in code and in annotations.
//
// EXPECT verified
package bytesbytetruncates

//@ ensures ret[0] == byte(x) && uint64(ret[0]) == x % 256 && uint64(uint32(x)) == x % 4294967296
func low(x uint64) []byte {
	b := make([]byte, 1)
	b[0] = byte(x)
	return b
}
