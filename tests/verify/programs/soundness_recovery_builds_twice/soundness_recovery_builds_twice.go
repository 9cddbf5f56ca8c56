// Package soundnessrecoverybuildstwice is a verifier test: recovery hands the lease of
// block 0 to one Store; building a second Store would hand it out again.
//
// EXPECT fail lease at line 29
package soundnessrecoverybuildstwice

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
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ recover
func Recover() *Store {
	s := &Store{mu: new(sync.Mutex)}
	if s != nil {
		return &Store{mu: new(sync.Mutex)}
	}
	return s
}

// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}
