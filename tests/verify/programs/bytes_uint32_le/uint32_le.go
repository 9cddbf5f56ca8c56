// Package bytesuint32le is a verifier test: a uint32 stored little-endian in four bytes with shifts
// and masks.
//
// EXPECT verified
package bytesuint32le

//@ ensures len(ret) == 4 && uint64(ret[0]) == uint64(x) % 256 && uint64(ret[3]) == uint64(x) / 16777216
func put32(x uint32) []byte {
	b := make([]byte, 4)
	b[0] = byte(x & 0xff)
	b[1] = byte((x >> 8) & 0xff)
	b[2] = byte((x >> 16) & 0xff)
	b[3] = byte(x >> 24)
	return b
}
