// Package specintnowrap is a verifier test of integers in a spec: they do not wrap, in the
// verifier and in the explorer alike. Inc's `require n + 1 > n` always holds (the code's
// wrap-around at the largest uint64 is the spec's `uint64(n + 1)`); an explorer that wrapped
// `n + 1` blocked Inc after Set(2^64 - 1) and reported a violation the verifier rightly
// does not have.
//
// EXPECT verified
package specintnowrap

import "sync"

//@ spec C {
//@   state n: uint64
//@   op Set(v uint64) { n = v }
//@   op Inc() { require n + 1 > n; n = uint64(n + 1) }
//@   op Get() uint64 { return n }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 1; ops 3; crashes 0; disk_size 1
//@   domain uint64 = {18446744073709551615}
//@ }

type Ctr struct {
	mu *sync.Mutex //@ lock_inv acc(n) && acc(C.n) && n == C.n
	n  uint64
}

//@ init
func New() *Ctr {
	return &Ctr{mu: new(sync.Mutex), n: 0}
}

//@ implements C.Set
func (c *Ctr) Set(v uint64) {
	c.mu.Lock()
	c.n = v //@ linearize
	c.mu.Unlock()
}

//@ implements C.Inc
func (c *Ctr) Inc() {
	c.mu.Lock()
	c.n = c.n + 1 //@ linearize
	c.mu.Unlock()
}

//@ implements C.Get
func (c *Ctr) Get() uint64 {
	c.mu.Lock()
	n := c.n //@ linearize
	c.mu.Unlock()
	return n
}
