// Package rt2lockinvunownedok is a verifier test: the twin of redteam2_lockinv_unowned.
// Lock invariants whose facts read only memory they own (ma owns n and m; md owns vals and
// its elements; me owns a map and its entries) or that no statement writes (lim, set only
// by the literal): each Lock may rely on them.
//
// EXPECT verified
package rt2lockinvunownedok

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
	ma   *sync.Mutex //@ lock_inv acc(n) && acc(m) && n == m
	n    uint64
	m    uint64
	lim  uint64
	mb   *sync.Mutex //@ lock_inv acc(k) && k <= lim
	k    uint64
	md   *sync.Mutex //@ lock_inv acc(vals) && uint64(len(vals)) == 2 && (forall i uint64 :: i < len(vals) ==> acc(vals[i])) && vals[0] <= vals[1]
	vals []uint64
	me   *sync.Mutex //@ lock_inv acc(tab) && tab != nil && (forall x uint64 :: acc(tab[x])) && tab[0] <= 3
	tab  map[uint64]uint64
}

//@ recover
func Recover() *C {
	return &C{ma: new(sync.Mutex), lim: 7, mb: new(sync.Mutex), md: new(sync.Mutex),
		vals: []uint64{0, 0}, me: new(sync.Mutex), tab: make(map[uint64]uint64)}
}

//@ implements Reg.Get
func (c *C) Get() uint64 {
	c.ma.Lock()
	v := c.n - c.m //@ linearize
	c.ma.Unlock()
	return v
}

//@ implements Reg.Bump
func (c *C) Bump() {
	c.ma.Lock()
	c.m = 1
	c.n = 1 //@ linearize
	c.ma.Unlock()
}

//@ ensures ret <= c.lim
func (c *C) Level() uint64 {
	c.mb.Lock()
	k := c.k
	c.mb.Unlock()
	return k
}

//@ ensures ret == 0
func (c *C) Gap() uint64 {
	c.md.Lock()
	d := uint64(0)
	if c.vals[0] > c.vals[1] {
		d = 1
	}
	c.md.Unlock()
	return d
}

//@ ensures ret <= 3
func (c *C) First() uint64 {
	c.me.Lock()
	x := c.tab[0]
	c.me.Unlock()
	return x
}
