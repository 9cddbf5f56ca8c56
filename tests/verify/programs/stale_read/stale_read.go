// Package staleread is a verifier test: stale read.
//
// EXPECT fail result at line 35
package staleread

import (
	"sync"
	"armada/goose/machine/disk"
)

//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { val = b }
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

// Reads before taking the lock: another Put may come in between.
//@ implements Reg.Get
func (s *Store) Get() disk.Block {
	v := disk.Read(0)
	s.mu.Lock() //@ linearize
	s.mu.Unlock()
	return v
}
