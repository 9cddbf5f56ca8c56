// Package bytesdecodeor is a verifier test: a 16-bit value stored as two bytes with shifts and masks,
// decoded back with uint64(b[0]) | uint64(b[1])<<8 (the usual idiom; it timed out once).
//
// EXPECT verified
package bytesdecodeor

//@ requires x < 65536
//@ ensures len(ret) == 2 && uint64(ret[0]) + uint64(ret[1]) * 256 == x
func encode16(x uint64) []byte {
	b := make([]byte, 2)
	b[0] = byte(x & 0xff)
	b[1] = byte(x >> 8)
	return b
}

//@ requires len(b) >= 2
//@ ensures ret == uint64(b[0]) + uint64(b[1]) * 256 && ret < 65536
func decode16(b []byte) uint64 {
	return uint64(b[0]) | uint64(b[1])<<8
}

//@ requires x < 65536
//@ ensures ret == x
func roundtrip(x uint64) uint64 {
	return decode16(encode16(x))
}
