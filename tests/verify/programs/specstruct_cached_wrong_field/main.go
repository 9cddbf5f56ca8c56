// Package specstructcachedwrongfield is a verifier test of a lock invariant relating memory
// to a spec struct: Bump increments the cached record's Val where the spec increments its
// Tag, so the cache and the spec's record differ when the lock is released.
//
// EXPECT fail lock-inv at line 46
package specstructcachedwrongfield

import "sync"

type Rec struct {
	Val uint64
	Tag uint64
}

//@ spec Reg {
//@   state cur: Rec
//@   op Put(r Rec) { cur = r }
//@   op Bump() { cur.Tag = uint64(cur.Tag + 1) }
//@   op Get() Rec { return cur }
//@   crash { cur = Rec{} }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 1
//@   domain Rec = {Rec{Val: 1, Tag: 2}, Rec{Val: 3}}
//@ }

type Cache struct {
	mu  *sync.Mutex //@ lock_inv acc(cur) && acc(Reg.cur) && cur == Reg.cur
	cur Rec
}

//@ implements Reg.Put
func (c *Cache) Put(r Rec) {
	c.mu.Lock()
	c.cur = r //@ linearize
	c.mu.Unlock()
}

//@ implements Reg.Bump
func (c *Cache) Bump() {
	c.mu.Lock()
	r := c.cur
	r.Val = r.Val + 1
	c.cur = r //@ linearize
	c.mu.Unlock()
}

//@ implements Reg.Get
func (c *Cache) Get() Rec {
	c.mu.Lock()
	r := c.cur //@ linearize
	c.mu.Unlock()
	return r
}

//@ recover
func Recover() *Cache {
	r := Rec{} //@ crash_step
	return &Cache{mu: new(sync.Mutex), cur: r}
}
