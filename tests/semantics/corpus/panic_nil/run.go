package main

type T struct {
	x uint64
}

func Run() uint64 {
	var p *T
	return p.x
}
