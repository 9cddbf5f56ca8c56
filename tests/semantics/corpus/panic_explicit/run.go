package main

func check(x uint64) uint64 {
	if x > 3 {
		panic("too big")
	}
	return x
}

func Run() uint64 {
	s := uint64(0)
	for i := uint64(0); i < 10; i++ {
		s += check(i)
	}
	return s
}
