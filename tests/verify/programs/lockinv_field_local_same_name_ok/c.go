// Package lockinvfieldlocalsamenameok is a verifier test: recovery fills a local map named like the lock
// invariant's field and builds the struct with it.
//
// EXPECT verified
package lockinvfieldlocalsamenameok

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1
//@ spec Ctr { state n: uint64; op Get() uint64 { return n }; crash { } }

//@ crash_inv Ctr.n == prims.UInt64Get(disk.D[0])

type C struct {
	mu   *sync.Mutex //@ lock_inv lease(disk.D[0]) && vals != nil && (forall k uint64 :: acc(vals[k])) && acc(Ctr.n) && vals[0] == Ctr.n
	vals map[uint64]uint64
}

//@ implements Ctr.Get
func (c *C) Get() uint64 {
	c.mu.Lock()
	v := c.vals[0] //@ linearize
	c.mu.Unlock()
	return v
}

//@ recover
func Recover() *C {
	vals := make(map[uint64]uint64)
	vals[0] = prims.UInt64Get(disk.Read(0))
	return &C{mu: new(sync.Mutex), vals: vals}
}
