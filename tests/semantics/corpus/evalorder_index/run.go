package main

func next(c *uint64) uint64 {
	*c = *c + 1
	return *c
}

func Run() []uint64 {
	c := new(uint64)
	s := make([]uint64, 4)
	s[next(c)] = next(c)
	s[next(c)] += 7
	return s
}
