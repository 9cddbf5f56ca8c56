package corpus

// Multiple assignment: swap, assignment to fields and indexes, discarded values.
type Duo struct {
	a uint64
	b uint64
}

func multiAssign(xs []uint64) uint64 {
	x, y := uint64(1), uint64(2)
	x, y = y, x
	d := &Duo{}
	d.a, d.b = x, y
	xs[0], xs[1] = xs[1], xs[0]
	_, z := x, y
	x, w := 3, uint64(4)
	return x + y + z + w + d.a
}
