package main

type Inner struct {
	v uint64
}

type Outer struct {
	a  uint64
	in Inner
	s  []uint64
}

func Run() (Outer, Outer) {
	o := Outer{a: 1, in: Inner{v: 2}, s: []uint64{3}}
	p := o
	p.a = 10
	in := p.in
	in.v = 20
	p.in = in
	p.s[0] = 30
	return o, p
}
