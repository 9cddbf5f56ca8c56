package main

func Run() (uint64, uint64, uint64) {
	s := make([]uint64, 2)
	t := append(s, 7)
	t[0] = 5
	return s[0], t[0], uint64(len(t))
}
