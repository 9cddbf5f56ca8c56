// Package specfsloop is a seeded bug of spec_fs_loop: the lock does not own Ctr.n, so its
// invariant count == Ctr.n cannot be kept while the lock is free, nor across Dump's loop.
//
// EXPECT fail lock-inv at line 38
package specfsloop

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ spec Ctr {
//@   state n: uint64
//@   op Inc() { n = uint64(n + 1) }
//@   op Dump(id uint64) uint64 { return n }
//@   crash { }
//@ }

//@ creator_dir "dumps"

type C struct {
	mu    *sync.Mutex //@ lock_inv acc(count) && count == Ctr.n
	count uint64
}

//@ init
func New() *C {
	filesys.Mkdir("dumps")
	return &C{mu: new(sync.Mutex), count: 0}
}

//@ implements Ctr.Inc
func (c *C) Inc() {
	c.mu.Lock()
	c.count = c.count + 1 //@ linearize
	c.mu.Unlock()
}

//@ implements Ctr.Dump
func (c *C) Dump(id uint64) uint64 {
	c.mu.Lock()
	f, ok := filesys.Create("dumps", prims.UInt64ToString(id))
	if ok {
		var i uint64 = 0
		for i < c.count && i < 100 {
			filesys.Append(f, []byte("x"))
			i = i + 1
		}
		filesys.Close(f)
	}
	r := c.count //@ linearize
	c.mu.Unlock()
	return r
}
