package main

func set(p *uint64, v uint64) {
	*p = v
}

func Run() (uint64, uint64, bool) {
	x := uint64(1)
	p := &x
	set(p, 7)
	y := x
	*p = *p + 1
	q := &x
	return x, y, p == q
}
