package main

func Run() ([]uint64, uint64, uint64, []uint64) {
	a := []uint64{1, 2, 3, 4}
	b := a[1:3]
	b[0] = 9
	b = append(b, 8)
	c := a[:0]
	return a, uint64(len(b)), uint64(cap(b)), c
}
