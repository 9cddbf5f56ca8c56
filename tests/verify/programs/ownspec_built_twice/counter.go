// Package ownspecbuilttwice is a verifier test: recovery builds two caches whose locks would
// both own the spec's value (and block 0); ownership is handed out once.
//
// EXPECT fail lease at line 51
package ownspecbuilttwice

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
func (c *Cache) Get() uint64 {
	c.mu.Lock()
	v := c.n //@ linearize
	c.mu.Unlock()
	return v
}

//@ recover
func Recover() *Cache {
	b := disk.Read(0)
	spare := &Cache{mu: new(sync.Mutex), n: prims.UInt64Get(b)}
	_ = spare
	return &Cache{mu: new(sync.Mutex), n: prims.UInt64Get(b)}
}
