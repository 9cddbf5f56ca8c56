// Package rtloopcondcallok is a verifier test: the twin of redteam_loop_cond_call with the
// values the loops really end with (the invariant speaks of the state the condition sees).
//
// EXPECT verified
package rtloopcondcallok

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

//@ ensures ret == 3
func Run() uint64 {
	c := &C{n: 0}
	for c.step() {
		//@ invariant acc(c.n) && c.n <= 2
		//@ decreases 3 - c.n
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

//@ ensures ret == 3
func Fill() byte {
	b := make([]byte, 8)
	for bump(b) {
		//@ invariant len(b) == 8 && b[0] <= 2
		//@ decreases 3 - uint64(b[0])
	}
	return b[0]
}
