package corpus

type P struct {
	f uint64
}

func addrs(p *P, xs []uint64) {
	a := &p.f // ERROR goose/address-of
	b := &xs[0] // ERROR goose/address-of
	_, _ = a, b
}

func (p *P) Set() {
	p.f = 1
}

func mapValue(m map[uint64]P) {
	m[1].Set() // ERROR pointer method
}

const Limit uint64 = 10

func constAddr() uint64 {
	p := &Limit // ERROR cannot take the address of constant
	q := &undefinedThing // ERROR undefined
	_, _ = p, q
	return 0
}
