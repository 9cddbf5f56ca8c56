// Package bytespureheaderwrongfield is a verifier test: the pure function names bytes 8..15, the code stores the
// new count at bytes 0..7; the crash invariant breaks at the write.
//
// EXPECT fail crash-inv at line 45
package bytespureheaderwrongfield

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1
//@ spec S {
//@   state n: uint64
//@   op Add() uint64 { n = uint64(n + 1); return n }
//@   crash { }
//@ }

//@ crash_inv S.n == count(disk.D[0])

//@ explore {
//@   goroutines 2; ops 2; crashes 1
//@ }

// count is the count field of a header block.
//
//@ pure
//@ requires len(b) >= 16
func count(b []byte) uint64 {
	return prims.UInt64Get(b[8:16])
}

type H struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements S.Add
func (h *H) Add() uint64 {
	h.mu.Lock()
	blk := disk.Read(0)
	n := prims.UInt64Get(blk[8:]) + 1
	prims.UInt64Put(blk, n)
	disk.Write(0, blk) //@ linearize
	h.mu.Unlock()
	return n
}

//@ recover
func Open() *H {
	return &H{mu: new(sync.Mutex)}
}
