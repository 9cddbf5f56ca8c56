// Package evalorder pins Go's left-to-right evaluation order in the model: call arguments
// (real Goose once evaluated them right to left), operands, composite literal elements, and
// the two phases of a multiple assignment (index and pointer operands of every target, then
// every right-hand side, then the stores, left to right).
package evalorder

type Trace struct {
	log []uint64
}

func (t *Trace) at(x uint64) uint64 {
	t.log = append(t.log, x)
	return x
}

func three(a uint64, b uint64, c uint64) uint64 {
	return a + b + c
}

type Pair struct {
	A uint64
	B uint64
}

func Args(t *Trace) uint64 {
	return three(t.at(1), t.at(2), t.at(3))
}

func Operands(t *Trace) uint64 {
	x := t.at(1)*t.at(2) + t.at(3)
	ok := t.at(4) < t.at(5) && t.at(6) > 0
	if ok {
		return x
	}
	return 0
}

func Literals(t *Trace) Pair {
	xs := []uint64{t.at(1), t.at(2)}
	return Pair{B: t.at(3), A: xs[t.at(0)]}
}

func Swap(xs []uint64, i uint64, j uint64) {
	xs[i], xs[j] = xs[j], xs[i]
}

func MultiAssign(t *Trace, xs []uint64) uint64 {
	i := uint64(0)
	i, xs[i] = 1, 2
	a, b := t.at(1), t.at(2)
	a, b = b, a
	p := &Pair{}
	p.A, p.B = t.at(3), p.A
	return a + b + i
}

func Compound(t *Trace, xs []uint64) {
	xs[t.at(0)] += t.at(1)
	m := make(map[uint64]uint64)
	m[t.at(2)] = m[t.at(3)] + 1
}
