package corpus

// Bitwise operators, shifts by variables, complement of typed values.
func bitops(x uint64, k uint64) uint64 {
	a := x & 0xf0
	b := x | 1
	c := x ^ a
	d := x &^ b
	e := x << k
	f := x >> (k % 64)
	g := ^x
	var h uint32 = 0xff
	h = ^h
	return a + b + c + d + e + f + g + uint64(h)
}
