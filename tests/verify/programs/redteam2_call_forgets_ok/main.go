// Package rt2callforgetsok is a verifier test: the twin of redteam2_call_forgets. A call
// forgets only memory the caller does not own: what it owns (a struct, a map and a slice
// it made, a field its lock granted), fields no statement writes (lim) and slice elements
// no statement writes keep their values across calls to functions that lock and write
// c.n; Get reads c.n under the lock and returns what it read.
//
// EXPECT verified
package rt2callforgetsok

import "sync"

//@ spec Reg {
//@   state v: uint64
//@   op Get() uint64 { return 0 }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 1; ops 1; crashes 0
//@   thread { Get() }
//@ }

type C struct {
	mu   *sync.Mutex //@ lock_inv acc(n) && n == 0
	n    uint64
	lim  uint64
	tags []uint32
}

type Box struct {
	v uint64
}

//@ recover
func Recover() *C {
	return &C{mu: new(sync.Mutex), lim: 4, tags: []uint32{1, 2}}
}

//@ ensures c.n == 0
func (c *C) reset() {
	c.mu.Lock()
	c.n = 5
	c.n = 0
	c.mu.Unlock()
}

//@ implements Reg.Get
func (c *C) Get() uint64 {
	c.reset()
	c.reset()
	c.mu.Lock()
	v := c.n //@ linearize
	c.mu.Unlock()
	return v
}

//@ ensures ret == 21
func (c *C) owned() uint64 {
	b := &Box{v: 7}
	m := make(map[uint64]uint64)
	m[1] = 7
	s := make([]uint64, 2)
	s[0] = 7
	c.reset()
	return b.v + m[1] + s[0]
}

//@ requires len(c.tags) == 2 && c.lim < 100
//@ ensures ret == c.lim + uint64(c.tags[1])
func (c *C) readOnly() uint64 {
	k := c.lim
	c.reset()
	return k + uint64(c.tags[1])
}

//@ requires acc(b.v) && b.v < 100
//@ ensures acc(b.v) && b.v == old(b.v) + 1
func bump(b *Box) {
	b.v = b.v + 1
}

//@ ensures ret == 9
func (c *C) handed() uint64 {
	b := &Box{v: 7}
	bump(b)
	c.reset()
	bump(b)
	return b.v
}
