package main

type P struct {
	x uint64
	y uint64
}

func Run() (map[uint64]P, P) {
	m := make(map[uint64]P)
	m[1] = P{x: 1, y: 1}
	p := m[1]
	p.x = 50
	m[2] = p
	var nilmap map[uint64]P
	return m, nilmap[9]
}
