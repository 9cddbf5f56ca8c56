// Package helprtcombiner is a verifier test of helping at run time: no background goroutine:
// each Write, after handing its op over, takes the lock again and flushes both slots, its own
// and the other block's (completing another writer's op as a combiner does), then returns once
// its op is done.
//
// EXPECT verified
package helprtcombiner

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

// N is the number of blocks.
const N uint64 = 2

//@ disk_size N
//@ spec Disk {
//@   state blocks: map[uint64]uint64
//@   op Write(a uint64, v uint64) { require a < N; blocks[a] = v }
//@   op Read(a uint64) uint64 { require a < N; return blocks[a] }
//@   crash { }
//@ }

//@ crash_inv forall a uint64 :: a < N ==> Disk.blocks[a] == num(disk.D[a])

// Cache buffers at most one write per block.
type Cache struct {
	mu   *sync.Mutex //@ lock_inv (forall a uint64 :: a < N ==> lease(disk.D[a])) && uint64(len(pend)) == N && uint64(len(buf)) == N && (forall i uint64 :: i < len(pend) ==> acc(pend[i])) && (forall i uint64 :: i < len(buf) ==> acc(buf[i])) && (forall a uint64, v uint64 :: acc(helping(Disk.Write(a, v)))) && (forall a uint64 :: a < N && pend[a] ==> helping(Disk.Write(a, buf[a]))) && (forall a uint64, v uint64 :: helping(Disk.Write(a, v)) ==> a < N && pend[a] && buf[a] == v)
	pend []bool
	buf  []uint64
}

// num is the uint64 at the start of b.
//
//@ pure
//@ requires len(b) >= 8
func num(b disk.Block) uint64 {
	return prims.UInt64Get(b)
}

//@ ensures len(ret) == disk.BlockSize && num(ret) == x
func block(x uint64) disk.Block {
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, x)
	return b
}

//@ implements Disk.Write
//@ requires a < N
func (c *Cache) Write(a uint64, v uint64) {
	for {
		c.mu.Lock()
		if !c.pend[a] {
			break
		}
		c.mu.Unlock()
	}
	c.buf[a] = v
	c.pend[a] = true //@ helping Disk.Write(a, v)
	c.mu.Unlock()
	c.mu.Lock()
	if c.pend[a] {
		w := c.buf[a]
		disk.Write(a, block(w)) //@ complete Disk.Write(a, w)
		c.pend[a] = false
	}
	b := N - 1 - a
	if c.pend[b] {
		u := c.buf[b]
		disk.Write(b, block(u)) //@ complete Disk.Write(b, u)
		c.pend[b] = false
	}
	c.mu.Unlock()
}

//@ implements Disk.Read
//@ requires a < N
func (c *Cache) Read(a uint64) uint64 {
	c.mu.Lock()
	v := num(disk.Read(a)) //@ linearize
	c.mu.Unlock()
	return v
}

func (c *Cache) flush() {
	a := uint64(0)
	for {
		//@ invariant a < N
		c.mu.Lock()
		if c.pend[a] {
			v := c.buf[a]
			disk.Write(a, block(v)) //@ complete Disk.Write(a, v)
			c.pend[a] = false
		}
		c.mu.Unlock()
		a = (a + 1) % N
	}
}

//@ recover
func Recover() *Cache {
	c := &Cache{mu: new(sync.Mutex), pend: make([]bool, N), buf: make([]uint64, N)}
	return c
}
