package main

func Run() (uint64, []uint64, []uint64) {
	s := make([]uint64, 2, 4)
	t := append(s, 7)
	s = append(s, 9)
	return t[2], s, t
}
