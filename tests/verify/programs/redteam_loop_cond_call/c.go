// Package rtloopcondcall is a verifier test: a loop's condition is evaluated at every
// iteration, so what a call in it writes is forgotten at the loop head like the body's
// writes. Run returns 3 in Go (and Fill 3); both were proved to return 0: the head kept the
// entry state, the call in the condition always answered true there, and the exit looked
// unreachable.
//
// EXPECT fail postcondition at line 30
// EXPECT fail postcondition at line 48
package rtloopcondcall

// C counts steps.
type C struct {
	n uint64
}

//@ requires acc(c.n)
//@ ensures acc(c.n) && c.n == (old(c.n) < 1000 ? old(c.n) + 1 : old(c.n)) && ret == (c.n < 3)
func (c *C) step() bool {
	if c.n < 1000 {
		c.n = c.n + 1
	}
	return c.n < 3
}

//@ ensures ret == 0
func Run() uint64 {
	c := &C{n: 0}
	for c.step() {
	}
	return c.n
}

//@ requires len(b) >= 1
//@ ensures len(b) == old(len(b)) && b[0] == (old(b[0]) < 200 ? old(b[0]) + 1 : old(b[0])) && ret == (b[0] < 3)
func bump(b []byte) bool {
	if b[0] < 200 {
		b[0] = b[0] + 1
	}
	return b[0] < 3
}

//@ ensures ret == 0
func Fill() byte {
	b := make([]byte, 8)
	for bump(b) {
		//@ invariant len(b) == 8
	}
	return b[0]
}
