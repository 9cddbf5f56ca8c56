package main

func Run() (uint64, uint64, byte) {
	x := uint64(7)
	y := uint64(3)
	return min(x, y, 5), max(x, y), max(byte(9), byte(200))
}
