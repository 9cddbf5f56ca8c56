// Package lindisk is a seeded bug of linearizes_disk: store writes the block once before its
// linearize: a crash after that write finds the disk ahead of the spec.
//
// EXPECT fail crash-inv at line 45
package lindisk

import (
	"sync"

	"armada/goose/machine/disk"
)

//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   op Get() disk.Block { return val }
//@   crash { }
//@ }

//@ disk_size 1

//@ crash_inv Reg.val == disk.D[0] && len(Reg.val) == disk.BlockSize

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@   domain disk.Block = {block(1), block(2)}
//@ }

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}

// store writes b to block 0 holding the lock.
//
//@ requires s != nil && len(b) == disk.BlockSize
//@ linearizes Reg.Put(b)
func store(s *Store, b disk.Block) {
	s.mu.Lock()
	defer s.mu.Unlock()
	disk.Write(0, b)
	disk.Write(0, b) //@ linearize
}

//@ implements Reg.Put
//@ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	store(s, b)
}

//@ implements Reg.Get
func (s *Store) Get() disk.Block {
	s.mu.Lock()
	b := disk.Read(0) //@ linearize
	s.mu.Unlock()
	return b
}
