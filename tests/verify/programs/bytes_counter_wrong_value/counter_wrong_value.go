// Package bytescounterwrongvalue is a verifier test: the spec adds one, the code encodes n + 2; the crash
// invariant over the encoded block fails at the write.
//
// EXPECT fail crash-inv at line 37
package bytescounterwrongvalue

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1
//@ spec Counter {
//@   state n: uint64
//@   op Inc() { n = uint64(n + 1) }
//@   op Get() uint64 { return n }
//@   crash { }
//@ }

//@ crash_inv Counter.n == prims.UInt64Get(disk.D[0])

//@ explore {
//@   goroutines 1; ops 2; crashes 1
//@ }

type C struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements Counter.Inc
func (c *C) Inc() {
	c.mu.Lock()
	blk := disk.Read(0)
	prims.UInt64Put(blk, prims.UInt64Get(blk)+2)
	disk.Write(0, blk) //@ linearize
	c.mu.Unlock()
}

//@ implements Counter.Get
func (c *C) Get() uint64 {
	c.mu.Lock()
	blk := disk.Read(0) //@ linearize
	c.mu.Unlock()
	return prims.UInt64Get(blk)
}

//@ recover
func Open() *C {
	return &C{mu: new(sync.Mutex)}
}
