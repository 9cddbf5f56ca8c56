package corpus

// Slices: make, append, index, sub-slice, len, cap, literals, nil, append of a slice.
func slices() uint64 {
	s := make([]uint64, 2)
	t := make([]uint64, 0, 10)
	s[0] = 4
	s = append(s, 5, 6)
	t = append(t, s...)
	u := t[1:3]
	v := t[:2]
	w := t[1:]
	x := t[:]
	var n []uint64
	n = append(n, 1)
	lit := []uint64{1, 2, 3}
	total := uint64(0)
	total += s[0] + u[0] + v[1] + w[0] + x[0] + n[0] + lit[2]
	return total + uint64(len(s)) + uint64(cap(t))
}

func bytesOf(b []byte, i uint64) byte {
	if i < uint64(len(b)) {
		return b[i]
	}
	return 0
}

func grid(n uint64) [][]byte {
	g := make([][]byte, n)
	for i := uint64(0); i < n; i++ {
		g[i] = make([]byte, n)
	}
	return g
}
