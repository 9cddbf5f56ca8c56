// Package flushnostep is a seeded bug in writeback's annotations: the flusher writes a block
// without taking the spec's internal step Flush, so the spec's durable part does not follow
// the disk (the code behaves as the correct one: the explorer passes it).
//
// EXPECT fail crash-inv at line 111
package flushnostep

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

// N is the number of blocks.
const N uint64 = 2

//@ disk_size N
//@ spec Disk {
//@   state mem: map[uint64]uint64
//@   state durable: map[uint64]uint64
//@   op Write(a uint64, v uint64) { require a < N; mem[a] = v }
//@   op Read(a uint64) uint64 { require a < N; return mem[a] }
//@   op Sync() { require forall a uint64 :: a < N ==> durable[a] == mem[a] }
//@   internal Flush(a uint64) { require a < N; durable[a] = mem[a] }
//@   crash { mem = durable }
//@ }

//@ crash_inv forall a uint64 :: a < N ==> Disk.durable[a] == num(disk.D[a])

//@ explore {
//@   goroutines 2; ops 1
//@   domain uint64 = {0, 1}
//@ }

// Cache is the cached copy of every block (a map, so the verifier knows it is not the flags)
// and which blocks are dirty (written since the flusher last wrote them).
type Cache struct {
	mu    *sync.Mutex //@ lock_inv (forall a uint64 :: a < N ==> lease(disk.D[a])) && cache != nil && uint64(len(dirty)) == N && (forall k uint64 :: acc(cache[k])) && (forall i uint64 :: i < len(dirty) ==> acc(dirty[i])) && acc(Disk.mem) && acc(Disk.durable) && (forall a uint64 :: a < N ==> cache[a] == Disk.mem[a] && (!dirty[a] ==> Disk.durable[a] == Disk.mem[a]))
	cache map[uint64]uint64
	dirty []bool
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

// Write puts v in the cache and returns: the flusher writes it to disk later.
//
//@ implements Disk.Write
//@ requires a < N
func (c *Cache) Write(a uint64, v uint64) {
	c.mu.Lock()
	c.cache[a] = v //@ linearize
	c.dirty[a] = true
	c.mu.Unlock()
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

// Sync returns once every block written before it is on disk: it waits until the flusher
// has written every dirty block.
//
//@ implements Disk.Sync
func (c *Cache) Sync() {
	for {
		c.mu.Lock()
		a := uint64(0)
		for a < N && !c.dirty[a] {
			//@ invariant a <= N && (forall b uint64 :: b < a ==> !c.dirty[b])
			a++
		}
		if a == N {
			break //@ linearize
		}
		c.mu.Unlock()
	}
	c.mu.Unlock()
}

// flush writes the dirty blocks, one block each time it holds the lock, for ever.
func (c *Cache) flush() {
	a := uint64(0)
	for {
		//@ invariant a < N
		c.mu.Lock()
		if c.dirty[a] {
			v := c.cache[a]
			disk.Write(a, block(v))
			c.dirty[a] = false
		}
		c.mu.Unlock()
		a = (a + 1) % N
	}
}

// New sets up a fresh cache over zeroed disks and starts its flusher.
//
//@ init
func New() *Cache {
	c := &Cache{mu: new(sync.Mutex), cache: make(map[uint64]uint64), dirty: make([]bool, N)}
	go c.flush()
	return c
}

// Recover reads the disk into the cache (what the crash kept) and starts the flusher.
//
//@ recover
func Recover() *Cache {
	cache := make(map[uint64]uint64)
	for a := uint64(0); a < N; a++ {
		//@ invariant forall b uint64 :: b < a ==> cache[b] == Disk.durable[b]
		cache[a] = num(disk.Read(a))
	}
	dirty := make([]bool, N) //@ crash_step
	c := &Cache{mu: new(sync.Mutex), cache: cache, dirty: dirty}
	go c.flush()
	return c
}
