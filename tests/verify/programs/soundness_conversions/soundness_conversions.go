// Package soundnessconversions is a verifier test: integer conversions in assertions keep
// the low bits, as in Go.
//
// EXPECT fail postcondition at line 20
package soundnessconversions

//@ requires x < 300
//@ ensures ret == byte(x) && uint64(ret) < 256 && uint64(x) == x
func low(x uint64) byte {
	return byte(x)
}

//@ ensures uint64(uint32(ret)) == ret && ret == uint64(x)
func widen(x uint32) uint64 {
	return uint64(x)
}

//@ ensures ret == uint64(x) + 1
func bad(x byte) uint64 {
	return uint64(x)
}
