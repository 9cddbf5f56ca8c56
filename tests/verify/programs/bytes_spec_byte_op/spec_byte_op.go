// Package bytesspecbyteop is a verifier test: a one-block register whose spec has an op that returns
// one byte of the state, implemented by indexing the block read from disk.
//
// EXPECT verified
package bytesspecbyteop

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
	return blk[i]
}

//@ recover
func Open() *S {
	return &S{mu: new(sync.Mutex)}
}
