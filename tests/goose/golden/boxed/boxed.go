// Package boxed pins which locals live in heap cells: those whose address is taken, those
// a pointer-receiver method is called on, and those a goroutine captures. Other locals stay
// plain values. Shadowed names get fresh model names.
package boxed

type Cell struct {
	v uint64
}

func (c *Cell) Set(v uint64) {
	c.v = v
}

func (c Cell) Get() uint64 {
	return c.v
}

func incr(p *uint64) {
	*p = *p + 1
}

func AddressTaken() uint64 {
	x := uint64(1)
	y := uint64(2)
	incr(&x)
	p := &y
	*p = 10
	plain := x + y
	return plain
}

func MethodOnLocal() uint64 {
	var c Cell
	c.Set(4)
	d := Cell{v: 5}
	return c.Get() + d.Get()
}

func Shadow(x uint64) uint64 {
	y := x
	if y > 1 {
		x := y * 2
		p := &x
		*p = 3
		y = x
	}
	return x + y
}

func ParamBoxed(n uint64) *uint64 {
	return &n
}

func pair() (uint64, uint64) {
	return 1, 2
}

// ParamRedefine: parameters share the body's block, so `a, x :=` reassigns the (boxed)
// parameter x rather than declaring a new x; *p sees the new value.
func ParamRedefine(x uint64) uint64 {
	p := &x
	a, x := pair()
	return *p + a + x
}
