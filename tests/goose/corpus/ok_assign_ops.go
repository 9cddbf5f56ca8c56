package corpus

// Compound assignment and ++/-- on locals, fields, slice and map elements, strings.
type Acc struct {
	total uint64
}

func assignOps(a *Acc, xs []uint64, m map[uint64]uint64) string {
	x := uint64(10)
	x += 5
	x -= 3
	x *= 2
	x /= 4
	x %= 5
	x <<= 2
	x >>= 1
	x &= 0xff
	x |= 1
	x ^= 3
	x &^= 2
	x++
	x--
	a.total += x
	a.total++
	xs[0] += x
	xs[1]++
	m[1] += 2
	m[2]++
	s := "a"
	s += "b"
	return s
}
