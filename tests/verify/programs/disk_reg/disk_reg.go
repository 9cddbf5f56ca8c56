// Package diskreg is a verifier test: disk reg.
//
// EXPECT verified
package diskreg

import (
	"sync"
	"armada/goose/machine/disk"
)

//@ disk_size 1
//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   op Get() disk.Block { return val }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0]

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}

//@ implements Reg.Put
//@ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}

//@ implements Reg.Get
func (s *Store) Get() disk.Block {
	s.mu.Lock()
	v := disk.Read(0) //@ linearize
	s.mu.Unlock()
	return v
}
