package main

func next(c *uint64) uint64 {
	*c = *c + 1
	return *c
}

func three(a uint64, b uint64, c uint64) uint64 {
	return a*100 + b*10 + c
}

func Run() (uint64, uint64) {
	c := new(uint64)
	x := three(next(c), next(c), next(c))
	return x, *c
}
