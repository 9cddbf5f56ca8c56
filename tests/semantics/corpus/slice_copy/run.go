package main

func Run() (uint64, []uint64, uint64, []uint64) {
	s := []uint64{1, 2, 3, 4, 5}
	n := uint64(copy(s[1:], s))
	d := make([]uint64, 2)
	m := uint64(copy(d, s))
	return n, s, m, d
}
