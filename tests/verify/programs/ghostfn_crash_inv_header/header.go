// Package ghostfncrashinvheader is a verifier test: a ghost function names the count field of a
// header block (bytes 8..15) and a predicate says what a header holds; the crash invariant
// uses both.
//
// EXPECT verified
package ghostfncrashinvheader

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

//@ ghost func count(b []byte) uint64 { return prims.UInt64Get(b[8:16]) }

//@ predicate holds(b []byte, n uint64) { count(b) == n }

//@ crash_inv holds(disk.D[0], S.n)

//@ explore {
//@   goroutines 2; ops 2; crashes 1
//@ }

type H struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements S.Add
func (h *H) Add() uint64 {
	h.mu.Lock()
	blk := disk.Read(0)
	n := prims.UInt64Get(blk[8:]) + 1
	prims.UInt64Put(blk[8:], n)
	disk.Write(0, blk) //@ linearize
	h.mu.Unlock()
	return n
}

//@ recover
func Open() *H {
	return &H{mu: new(sync.Mutex)}
}
