// Package bytespureheader is a verifier test: a header block whose count field (bytes 8..15) is named
// by a pure function and used in the crash invariant and in code.
//
// EXPECT verified
package bytespureheader

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
	n := count(blk) + 1
	prims.UInt64Put(blk[8:], n)
	disk.Write(0, blk) //@ linearize
	h.mu.Unlock()
	return n
}

//@ recover
func Open() *H {
	return &H{mu: new(sync.Mutex)}
}
