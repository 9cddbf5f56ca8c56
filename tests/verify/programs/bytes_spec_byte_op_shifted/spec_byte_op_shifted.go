// Package bytesspecbyteopshifted is a verifier test: At returns the byte after the one the spec names (and
// reads past the end for the last one).
//
// EXPECT fail result at line 47
// EXPECT fail safety at line 47
package bytesspecbyteopshifted

import (
	"sync"

	"armada/goose/machine/disk"
)

//@ disk_size 1
//@ spec Reg {
//@   state r: disk.Block
//@   op Put(v disk.Block) { require len(v) == disk.BlockSize; r = v }
//@   op At(i uint64) byte { require i < disk.BlockSize; return r[i] }
//@   crash { }
//@ }

//@ crash_inv Reg.r == disk.D[0]

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@   domain uint64 = {0, 4095}
//@ }

type S struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements Reg.Put
//@ requires len(v) == disk.BlockSize
func (s *S) Put(v disk.Block) {
	s.mu.Lock()
	disk.Write(0, v) //@ linearize
	s.mu.Unlock()
}

//@ implements Reg.At
//@ requires i < disk.BlockSize
func (s *S) At(i uint64) byte {
	s.mu.Lock()
	blk := disk.Read(0) //@ linearize
	s.mu.Unlock()
	return blk[i+1]
}

//@ recover
func Open() *S {
	return &S{mu: new(sync.Mutex)}
}
