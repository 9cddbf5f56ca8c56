// Package sliceargcounteroldwrong is a verifier test: a durable counter in block 0 whose
// increment is a helper, bump, that changes its caller's block in place; its contract
// relates the count after the call to the count before it with old(...), but bump adds 2.
//
// EXPECT fail postcondition at line 36
package sliceargcounteroldwrong

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

//@ disk_size 1
//@ spec C {
//@   state n: uint64
//@   op Inc() uint64 { n = uint64(n + 1); return n }
//@   crash { }
//@ }

//@ crash_inv C.n == enc.Get64(disk.D[0], 0)

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@ }

type Ctr struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ requires len(b) >= 8
//@ ensures len(b) == old(len(b)) && enc.Get64(b, 0) == uint64(old(enc.Get64(b, 0)) + 1)
func bump(b []byte) {
	enc.Put64(b, 0, enc.Get64(b, 0)+2)
}

//@ implements C.Inc
func (c *Ctr) Inc() uint64 {
	c.mu.Lock()
	blk := disk.Read(0)
	bump(blk)
	disk.Write(0, blk) //@ linearize
	c.mu.Unlock()
	return enc.Get64(blk, 0)
}

//@ recover
func Open() *Ctr {
	return &Ctr{mu: new(sync.Mutex)}
}
