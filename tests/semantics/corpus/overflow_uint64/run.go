package main

func Run() (uint64, uint64, uint64, uint64, uint64) {
	max := ^uint64(0)
	var zero uint64
	one := uint64(1)
	s := uint64(64)
	return max + 1, zero - 1, max * 3, one << s, (max >> 60) << 62
}
