// Package specfsloop is a verifier test: a thread that holds the lock owning spec state
// keeps knowing that state across a loop that calls the file system (only other threads'
// steps could change it there, and they leave what it owns alone). Dump writes one record
// per counted event into a new file, in a loop, holding the lock; then returns the count.
//
// EXPECT verified
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
	mu    *sync.Mutex //@ lock_inv acc(count) && acc(Ctr.n) && count == Ctr.n
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
