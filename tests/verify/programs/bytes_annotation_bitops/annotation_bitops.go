// Package bytesannotationbitops is a verifier test: shifts and masks in annotations mean
// what they mean in code.
//
// EXPECT verified
package bytesannotationbitops

//@ ensures ret == (x >> 8) & 255
func a(x uint64) uint64 {
	return (x / 256) % 256
}

//@ ensures ret == x & 255
func b(x uint64) uint64 {
	return x % 256
}

//@ ensures ret == x << 8
func c(x uint64) uint64 {
	return x * 256
}

//@ ensures ret == (x | 1)
func d(x uint64) uint64 {
	return x | 1
}
