// Package soundnesscallwhilelocked is a verifier test: Put holds the lock and calls a helper
// that takes the same lock again, which blocks forever.
//
// EXPECT fail deadlock at line 37
package soundnesscallwhilelocked

import (
	"armada/goose/machine/disk"
	"sync"
)

//@ disk_size 1
//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0]

type Store struct {
	mu    *sync.Mutex //@ lock_inv lease(disk.D[0])
	stats *sync.Mutex
}

func (s *Store) count() {
	s.stats.Lock()
	s.mu.Lock()
	s.mu.Unlock()
	s.stats.Unlock()
}

// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	s.count()
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex), stats: new(sync.Mutex)}
}
