// Package increturnsold is a seeded bug in the durable counter: Inc returns the value before the increment.
//
// EXPECT fail result at line 45
package increturnsold

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

// Addr is the block that holds the counter.
const Addr uint64 = 0

//@ disk_size 1
//@ spec Counter {
//@   state n: uint64
//@   op Inc() uint64 { n = uint64(n + 1); return n }
//@   op Get() uint64 { return n }
//@   crash { }
//@ }

//@ crash_inv Counter.n == prims.UInt64Get(disk.D[Addr])

//@ explore {
//@   goroutines 2; ops 2; crashes 1
//@ }

// Ctr is the in-memory handle: one lock, which owns block 0 while it is held.
type Ctr struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[Addr])
}

// Inc adds one to the counter (wrapping at 2^64) and returns the new value.
//
// @ implements Counter.Inc
func (c *Ctr) Inc() uint64 {
	c.mu.Lock()
	b := disk.Read(Addr)
	n := prims.UInt64Get(b) + 1
	prims.UInt64Put(b, n)
	disk.Write(Addr, b) //@ linearize
	c.mu.Unlock()
	return n - 1 // BUG: the spec returns the new value
}

// Get returns the counter.
//
// @ implements Counter.Get
func (c *Ctr) Get() uint64 {
	c.mu.Lock()
	b := disk.Read(Addr) //@ linearize
	c.mu.Unlock()
	return prims.UInt64Get(b)
}

// Open returns a counter after a crash (or on a fresh, zeroed disk): the block always holds
// a complete value, so there is nothing to repair.
//
// @ recover
func Open() *Ctr {
	return &Ctr{mu: new(sync.Mutex)}
}
