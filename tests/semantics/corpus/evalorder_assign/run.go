package main

func Run() (uint64, uint64, []uint64) {
	a := uint64(1)
	b := uint64(2)
	a, b = b, a
	s := []uint64{10, 20, 30}
	i := uint64(0)
	i, s[i] = 2, 99
	return a, b, s
}
