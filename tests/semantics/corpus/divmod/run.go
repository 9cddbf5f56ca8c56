package main

func Run() (uint64, uint64, uint32, byte) {
	a := uint64(17)
	b := uint64(5)
	c := uint32(100)
	return a / b, a % b, c / 7, byte(200) / 3
}
