// Package ownspecoprequires is a verifier test: Get asks its callers for the cache and the
// spec's value instead of taking the lock, but an op's callers are the spec's clients, who
// own none of them.
//
// EXPECT fail refinement at line 40
package ownspecoprequires

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
	"sync"
)

//@ disk_size 1
//@ spec Ctr {
//@   state n: uint64
//@   op Set(x uint64) { n = x }
//@   op Get() uint64 { return n }
//@   crash { }
//@ }

//@ crash_inv Ctr.n == prims.UInt64Get(disk.D[0])

type Cache struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && acc(n) && acc(Ctr.n) && n == Ctr.n
	n  uint64
}

//@ implements Ctr.Set
func (c *Cache) Set(x uint64) {
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, x)
	c.mu.Lock()
	disk.Write(0, b) //@ linearize
	c.n = x
	c.mu.Unlock()
}

//@ implements Ctr.Get
//@ requires acc(Ctr.n) && acc(c.n) && c.n == Ctr.n
func (c *Cache) Get() uint64 {
	v := c.n //@ linearize
	return v
}

//@ recover
func Recover() *Cache {
	b := disk.Read(0)
	return &Cache{mu: new(sync.Mutex), n: prims.UInt64Get(b)}
}
