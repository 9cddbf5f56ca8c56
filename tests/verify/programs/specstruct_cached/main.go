// Package specstructcached is a verifier test of a lock invariant relating memory to a spec
// struct: the record lives in a struct-typed field of the cache, the lock owns it and the
// spec's record, and its invariant says they are equal (`cur == Reg.cur`, a Go struct
// compared with a spec struct). Bump changes one field in both; a crash empties the record.
//
// EXPECT verified
package specstructcached

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
	r.Tag = r.Tag + 1
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
