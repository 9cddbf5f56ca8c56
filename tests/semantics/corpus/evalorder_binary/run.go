package main

func bump(c *uint64, by uint64) uint64 {
	*c = *c*10 + by
	return *c
}

func Run() (uint64, uint64) {
	c := new(uint64)
	x := bump(c, 1) - bump(c, 2) + bump(c, 3)
	return x, *c
}
