package main

func Run() uint64 {
	s := []uint64{1, 2, 3}
	i := uint64(5)
	return s[i]
}
