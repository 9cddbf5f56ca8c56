// Package internaltwoentry is a verifier test of internal spec steps: a two-entry write-back
// cache with no background goroutine. Put changes memory only; the op Flush(k) writes entry k
// to disk, taking the spec's internal step Save(k) with the write and then its own step (which
// requires the entry saved), in the same atomic step. The crash step keeps what was saved.
//
// EXPECT verified
package internaltwoentry

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 2
//@ spec Kv {
//@   state mem: map[uint64]uint64
//@   state dur: map[uint64]uint64
//@   op Put(k uint64, v uint64) { require k < 2; mem[k] = v }
//@   op Get(k uint64) uint64 { require k < 2; return mem[k] }
//@   op Flush(k uint64) { require k < 2 && dur[k] == mem[k] }
//@   internal Save(k uint64) { require k < 2; dur[k] = mem[k] }
//@   crash { mem = dur }
//@ }

//@ crash_inv forall k uint64 :: k < 2 ==> Kv.dur[k] == prims.UInt64Get(disk.D[k])

type Cache struct {
	mu *sync.Mutex //@ lock_inv (forall k uint64 :: k < 2 ==> lease(disk.D[k])) && acc(v0) && acc(v1) && acc(Kv.mem) && acc(Kv.dur) && v0 == Kv.mem[0] && v1 == Kv.mem[1]
	v0 uint64
	v1 uint64
}

//@ ensures len(ret) == disk.BlockSize && prims.UInt64Get(ret) == x
func block(x uint64) disk.Block {
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, x)
	return b
}

//@ implements Kv.Put
//@ requires k < 2
func (c *Cache) Put(k uint64, v uint64) {
	c.mu.Lock()
	if k == 0 {
		c.v0 = v //@ linearize
	} else {
		c.v1 = v //@ linearize
	}
	c.mu.Unlock()
}

//@ implements Kv.Get
//@ requires k < 2
func (c *Cache) Get(k uint64) uint64 {
	c.mu.Lock()
	v := c.v0
	if k == 1 {
		v = c.v1
	}
	c.mu.Unlock() //@ linearize
	return v
}

//@ implements Kv.Flush
//@ requires k < 2
func (c *Cache) Flush(k uint64) {
	c.mu.Lock()
	v := c.v0
	if k == 1 {
		v = c.v1
	}
	disk.Write(k, block(v)) //@ internal Kv.Save(k); linearize
	c.mu.Unlock()
}

//@ recover
func Recover() *Cache {
	v0 := prims.UInt64Get(disk.Read(0))
	v1 := prims.UInt64Get(disk.Read(1)) //@ crash_step
	return &Cache{mu: new(sync.Mutex), v0: v0, v1: v1}
}
