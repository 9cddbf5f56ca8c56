// Package bitops is a verifier test: bitops.
//
// EXPECT verified
package bitops

//@ ensures ret <= 255
func low(x uint64) uint64 {
	return x & 0xff
}

//@ ensures ret == 24
func eight() uint64 {
	x := uint64(3)
	return x << 3
}
