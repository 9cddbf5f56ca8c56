package main

func Run() (uint64, uint64) {
	x := uint64(1)
	y := uint64(0)
	if x > 0 {
		x := uint64(10)
		y = x
	}
	for x := uint64(100); x < 102; x++ {
		y += x
	}
	return x, y
}
