package main

func Run() (uint64, uint64, uint64, uint64, uint64, bool) {
	x := uint64(0xF0F0)
	y := uint64(0x0FF0)
	return x & y, x | y, x ^ y, x &^ y, x >> 4, x > y
}
