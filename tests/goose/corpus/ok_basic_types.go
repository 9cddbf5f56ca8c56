package corpus

// Basic types: uint64, uint32, byte, bool, string and conversions between them.
func basicTypes(a uint64, b uint32, c byte) (uint64, bool, string) {
	var x uint64 = a + uint64(b) + uint64(c)
	y := uint32(x)
	z := byte(y)
	ok := z == c && y >= b || x != 0
	s := "hello"
	t := s + ", world"
	if !ok {
		return 0, false, t
	}
	return x, ok, t
}

func widths() uint64 {
	var b byte = 255
	b = b + 1
	var w uint32 = 0xffffffff
	w++
	return uint64(b) + uint64(w) + 0x10 + 0o17 + 0b101 + 1_000
}
