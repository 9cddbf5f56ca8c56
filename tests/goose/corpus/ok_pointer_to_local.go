package corpus

func bump(p *uint64) {
	*p = *p + 1
}

// Pointers to locals: the local lives in a heap cell.
func pointerToLocal() uint64 {
	x := uint64(1)
	p := &x
	*p = 5
	bump(&x)
	bump(p)
	y := x
	return y
}

type Pair struct {
	A uint64
	B uint64
}

func pointerToStructLocal() uint64 {
	var pr Pair
	q := &pr
	q.A = 7
	pr.B = 8
	return pr.A + q.B
}
