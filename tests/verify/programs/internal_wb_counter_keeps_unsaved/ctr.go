// Package internalwbcounterkeepsunsaved is a verifier test of internal spec steps: the spec's
// crash step keeps the count that was never persisted, but recovery reads the disk.
//
// EXPECT fail lock-inv at line 63
package internalwbcounterkeepsunsaved

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1
//@ spec Ctr {
//@   state n: uint64
//@   state saved: uint64
//@   op Set(v uint64) { n = v }
//@   op Get() uint64 { return n }
//@   internal Persist() { saved = n }
//@   crash { }
//@ }

//@ crash_inv Ctr.saved == prims.UInt64Get(disk.D[0])

type C struct {
	mu    *sync.Mutex //@ lock_inv lease(disk.D[0]) && acc(n) && acc(saved) && acc(Ctr.n) && acc(Ctr.saved) && n == Ctr.n && saved == Ctr.saved
	n     uint64
	saved uint64
}

//@ implements Ctr.Set
func (c *C) Set(v uint64) {
	c.mu.Lock()
	c.n = v //@ linearize
	c.mu.Unlock()
}

//@ implements Ctr.Get
func (c *C) Get() uint64 {
	c.mu.Lock()
	v := c.n //@ linearize
	c.mu.Unlock()
	return v
}

func (c *C) persist() {
	for {
		c.mu.Lock()
		if c.n != c.saved {
			b := make([]byte, disk.BlockSize)
			prims.UInt64Put(b, c.n)
			disk.Write(0, b) //@ internal Ctr.Persist()
			c.saved = c.n
		}
		c.mu.Unlock()
	}
}

//@ recover
func Recover() *C {
	n := prims.UInt64Get(disk.Read(0)) //@ crash_step
	c := &C{mu: new(sync.Mutex), n: n, saved: n}
	go c.persist()
	return c
}
