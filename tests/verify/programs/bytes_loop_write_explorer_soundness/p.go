// Package bytesloopwritedisagree: VERIFIER/EXPLORER DISAGREEMENT from F14
// (/tmp/brief/byte_findings.md). Reset should write a zero counter but sets byte 0 in a
// loop; the verifier thinks the loop leaves blk zero, proves the crash invariant (the
// spec's n is 0 after Reset) and verifies the package; the explorer finds Get returning 1
// where the spec allows 0.
//
// EXPECT fail crash-inv at line 39
package bytesloopwritedisagree

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1
//@ spec S {
//@   state n: uint64
//@   op Reset() { n = 0 }
//@   op Get() uint64 { return n }
//@   crash { }
//@ }

//@ crash_inv S.n == prims.UInt64Get(disk.D[0])

type C struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements S.Reset
func (c *C) Reset() {
	c.mu.Lock()
	blk := make([]byte, disk.BlockSize)
	for i := uint64(0); i < 1; i++ {
		//@ invariant i <= 1
		blk[i] = 1
	}
	disk.Write(0, blk) //@ linearize
	c.mu.Unlock()
}

//@ implements S.Get
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
