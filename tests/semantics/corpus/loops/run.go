package main

func Run() (uint64, uint64, uint64) {
	a := uint64(0)
	for i := uint64(0); i < 20; i++ {
		if i%3 == 0 {
			continue
		}
		if i > 14 {
			break
		}
		a += i
	}
	b := uint64(0)
	for i := range 5 {
		b += uint64(i)
	}
	c := uint64(1)
	for c < 1000 {
		c = c * 3
	}
	return a, b, c
}
