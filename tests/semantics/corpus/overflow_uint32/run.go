package main

func Run() (uint32, uint32, uint64, byte, uint32) {
	x := uint32(4000000000)
	y := x + x
	big := uint64(1)<<40 + 5
	t := uint32(big)
	b := byte(t + 300)
	z := uint32(0)
	return y, x * 3, uint64(t), b, z - 1
}
