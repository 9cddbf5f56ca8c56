// Package pointerfirst is a seeded bug in the shadow copy: Write flips the pointer before the new copy is written.
//
// EXPECT fail crash-inv at line 72
package pointerfirst

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

// The layout: the pointer block, then copy A (blocks 1 and 2), then copy B (blocks 3 and 4).
// The pointer block's live field (a little-endian uint64, package enc) is 0 for copy A.
const (
	Ptr     uint64 = 0
	A       uint64 = 1
	B       uint64 = 3
	Size    uint64 = 5
	OffLive uint64 = 0
)

//@ disk_size Size
//@ spec Rec {
//@   state r0: disk.Block
//@   state r1: disk.Block
//@   op Write(v0 disk.Block, v1 disk.Block) {
//@     require len(v0) == disk.BlockSize && len(v1) == disk.BlockSize
//@     r0 = v0; r1 = v1
//@   }
//@   op Read(i uint64) disk.Block { require i < 2; if i == 0 { return r0 }; return r1 }
//@   crash { }
//@ }

//@ crash_inv (enc.Get64(disk.D[Ptr], OffLive) == 0 ==> Rec.r0 == disk.D[A] && Rec.r1 == disk.D[A+1]) &&
//@   (enc.Get64(disk.D[Ptr], OffLive) != 0 ==> Rec.r0 == disk.D[B] && Rec.r1 == disk.D[B+1])

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@ }

// Shadow is the in-memory handle: one lock for the whole record.
type Shadow struct {
	mu *sync.Mutex //@ lock_inv forall a uint64 :: a < Size ==> lease(disk.D[a])
}

// live returns the first block of the live copy, given the pointer block.
//
// @ requires len(ptr) >= OffLive+8
// @ ensures ret == (enc.Get64(ptr, OffLive) == 0 ? A : B)
func live(ptr disk.Block) uint64 {
	if enc.Get64(ptr, OffLive) == 0 {
		return A
	}
	return B
}

// Write replaces the record: the copy that is not live first, then the pointer.
//
// @ implements Rec.Write
// @ requires len(v0) == disk.BlockSize && len(v1) == disk.BlockSize
func (s *Shadow) Write(v0 disk.Block, v1 disk.Block) {
	s.mu.Lock()
	dst := B
	next := uint64(1)
	if live(disk.Read(Ptr)) == B {
		dst = A
		next = 0
	}
	pb := make([]byte, disk.BlockSize)
	enc.Put64(pb, OffLive, next)
	disk.Write(Ptr, pb) //@ linearize // BUG: the copy it selects is not written yet
	disk.Write(dst, v0)
	disk.Write(dst+1, v1)
	s.mu.Unlock()
}

// Read returns block i (0 or 1) of the record.
//
// @ implements Rec.Read
// @ requires i < 2
func (s *Shadow) Read(i uint64) disk.Block {
	s.mu.Lock()
	base := live(disk.Read(Ptr))
	v := disk.Read(base + i) //@ linearize
	s.mu.Unlock()
	return v
}

// Open returns the record after a crash, or on a fresh zeroed disk (pointer 0: copy A,
// which holds zero blocks): the pointer always selects a complete copy.
//
// @ recover
func Open() *Shadow {
	return &Shadow{mu: new(sync.Mutex)}
}
