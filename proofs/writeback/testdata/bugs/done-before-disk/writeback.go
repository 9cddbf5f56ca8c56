// Package donebeforedisk is a seeded bug in writeback: the flusher marks a write done (its
// spec step, the cache, the buffer) under the lock and writes the disk only after Unlock, so a
// crash in between loses a write whose caller has returned.
//
// EXPECT fail crash-inv at line 105
package donebeforedisk

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

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@   domain uint64 = {0, 1}
//@ }

// Cache is the cached copy of the disk (a map, so the verifier knows it is not the buffer)
// and the buffer of pending writes, one per block.
type Cache struct {
	mu    *sync.Mutex //@ lock_inv (forall a uint64 :: a < N ==> lease(disk.D[a])) && cache != nil && uint64(len(pend)) == N && uint64(len(buf)) == N && (forall k uint64 :: acc(cache[k])) && (forall i uint64 :: i < len(pend) ==> acc(pend[i])) && (forall i uint64 :: i < len(buf) ==> acc(buf[i])) && acc(Disk.blocks) && (forall a uint64, v uint64 :: acc(helping(Disk.Write(a, v)))) && (forall a uint64 :: a < N ==> cache[a] == Disk.blocks[a]) && (forall a uint64 :: a < N && pend[a] ==> helping(Disk.Write(a, buf[a]))) && (forall a uint64, v uint64 :: helping(Disk.Write(a, v)) ==> a < N && pend[a] && buf[a] == v)
	cache map[uint64]uint64
	pend  []bool
	buf   []uint64
}

// num is the uint64 at the start of b.
//
//@ pure
//@ requires len(b) >= 8
func num(b disk.Block) uint64 {
	return prims.UInt64Get(b)
}

// block is a block holding x at its start.
//
//@ ensures len(ret) == disk.BlockSize && num(ret) == x
func block(x uint64) disk.Block {
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, x)
	return b
}

// Write buffers v for block a (once a's slot is free), and returns when it is on disk.
//
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
	for {
		c.mu.Lock()
		done := !c.pend[a] || c.buf[a] != v
		c.mu.Unlock()
		if done {
			break
		}
	}
}

// Read returns block a from memory.
//
//@ implements Disk.Read
//@ requires a < N
func (c *Cache) Read(a uint64) uint64 {
	c.mu.Lock()
	v := c.cache[a] //@ linearize
	c.mu.Unlock()
	return v
}

// flush writes the buffered blocks, one block each time it holds the lock, for ever.
func (c *Cache) flush() {
	a := uint64(0)
	for {
		//@ invariant a < N
		c.mu.Lock()
		p := c.pend[a]
		v := c.buf[a]
		if p {
			c.cache[a] = v
			c.pend[a] = false //@ complete Disk.Write(a, v)
		}
		c.mu.Unlock()
		if p {
			disk.Write(a, block(v))
		}
		a = (a + 1) % N
	}
}

// New sets up a fresh cache over zeroed disks and starts its flusher.
//
//@ init
func New() *Cache {
	c := &Cache{mu: new(sync.Mutex), cache: make(map[uint64]uint64), pend: make([]bool, N), buf: make([]uint64, N)}
	go c.flush()
	return c
}

// Recover reads the disk into the cache and starts the flusher.
//
//@ recover
func Recover() *Cache {
	cache := make(map[uint64]uint64)
	for a := uint64(0); a < N; a++ {
		//@ invariant forall b uint64 :: b < a ==> cache[b] == Disk.blocks[b]
		cache[a] = num(disk.Read(a))
	}
	c := &Cache{mu: new(sync.Mutex), cache: cache, pend: make([]bool, N), buf: make([]uint64, N)}
	go c.flush()
	return c
}
