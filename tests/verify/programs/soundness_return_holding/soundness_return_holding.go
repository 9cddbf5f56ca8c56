// Package soundnessreturnholding is a verifier test: Get returns on one path while still
// holding the lock, so the next Put blocks forever.
//
// EXPECT fail deadlock at line 44
// EXPECT fail deadlock at line 50
package soundnessreturnholding

import (
	"armada/goose/machine/disk"
	"sync"
)

//@ disk_size 2
//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   op Get() disk.Block { return val }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0]

type Store struct {
	mu    *sync.Mutex //@ lock_inv lease(disk.D[0])
	stats *sync.Mutex
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
	if len(v) == 0 {
		s.mu.Unlock()
		return v
	}
	return v
}

// Count takes a plain mutex and forgets to release it.
func (s *Store) Count() {
	s.stats.Lock()
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex), stats: new(sync.Mutex)}
}
