// Package bytesdiskwriteappended is a verifier test: a block read from the disk and extended by one byte is
// too long to write back.
//
// EXPECT fail safety at line 33
package bytesdiskwriteappended

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1
//@ spec Counter {
//@   state n: uint64
//@   op Inc() { n = uint64(n + 1) }
//@   crash { }
//@ }

//@ crash_inv Counter.n == prims.UInt64Get(disk.D[0])

type C struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements Counter.Inc
func (c *C) Inc() {
	c.mu.Lock()
	blk := disk.Read(0)
	blk = append(blk, 0)
	prims.UInt64Put(blk, prims.UInt64Get(blk)+1)
	disk.Write(0, blk) //@ linearize
	c.mu.Unlock()
}

//@ recover
func Open() *C {
	return &C{mu: new(sync.Mutex)}
}
