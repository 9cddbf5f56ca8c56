// Package rt2lockinvunowned is a verifier test: a lock invariant whose facts read memory it
// does not own (ma's `n == m`, with m written under mb). Nobody checks ma's invariant when
// m changes, so at ma.Lock it may be false: Get set m to 0 under mb, then concluded at
// ma.Lock that n == 0, while Bump had set both to 1 (the explorer: Get returns 1). It was
// proved; now every Lock of such an invariant is a lock-inv failure. Low shows the same
// over a slice element another lock owns (md's k <= lims[0]).
//
// EXPECT fail lock-inv at line 49
// EXPECT fail lock-inv at line 58
// EXPECT fail lock-inv at line 70
package rt2lockinvunowned

import "sync"

//@ spec Reg {
//@   state v: uint64
//@   op Get() uint64 { return 0 }
//@   op Bump() { }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 1; crashes 0
//@   thread { Get() }
//@   thread { Bump() }
//@ }

type C struct {
	mb   *sync.Mutex //@ lock_inv acc(m)
	m    uint64
	ma   *sync.Mutex //@ lock_inv acc(n) && n == m
	n    uint64
	mc   *sync.Mutex //@ lock_inv uint64(len(lims)) == 1 && forall i uint64 :: i < len(lims) ==> acc(lims[i])
	lims []uint64
	md   *sync.Mutex //@ lock_inv acc(k) && uint64(len(lims)) == 1 && k <= lims[0]
	k    uint64
}

//@ recover
func Recover() *C {
	return &C{mb: new(sync.Mutex), ma: new(sync.Mutex), mc: new(sync.Mutex), lims: []uint64{0}, md: new(sync.Mutex)}
}

//@ implements Reg.Get
func (c *C) Get() uint64 {
	c.mb.Lock()
	c.m = 0
	c.mb.Unlock()
	c.ma.Lock()
	v := c.n //@ linearize
	c.ma.Unlock()
	return v
}

//@ implements Reg.Bump
func (c *C) Bump() {
	c.mb.Lock()
	c.ma.Lock()
	c.m = 1
	c.n = 1 //@ linearize
	c.ma.Unlock()
	c.mb.Unlock()
}

//@ ensures ret == 0
func (c *C) Low() uint64 {
	c.mc.Lock()
	c.lims[0] = 0
	c.mc.Unlock()
	c.md.Lock()
	k := c.k
	c.md.Unlock()
	return k
}
