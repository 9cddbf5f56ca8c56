// Package bitopswrong is a verifier test: bitops wrong.
//
// EXPECT fail postcondition at line 8
package bitopswrong

//@ ensures ret < 255
func low(x uint64) uint64 {
	return x & 0xff
}
