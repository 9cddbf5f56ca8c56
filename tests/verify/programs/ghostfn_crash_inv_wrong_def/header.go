// Package ghostfncrashinvwrongdef is a verifier test: the ghost function decodes the count at
// offset 0, but the code keeps it at offset 8: its wrong definition makes the crash invariant
// fail where the code writes the header.
//
// EXPECT fail crash-inv at line 42
package ghostfncrashinvwrongdef

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

//@ ghost func count(b []byte) uint64 { return prims.UInt64Get(b[0:8]) }

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
