// Package bytesshiftwrong is a verifier test: the high byte is shifted by 4 instead of 8, so the
// encoding does not decode to the value.
//
// EXPECT fail postcondition at line 13
package bytesshiftwrong

//@ requires x < 65536
//@ ensures len(ret) == 2 && uint64(ret[0]) + uint64(ret[1]) * 256 == x
func encode16(x uint64) []byte {
	b := make([]byte, 2)
	b[0] = byte(x & 0xff)
	b[1] = byte(x >> 4)
	return b
}
