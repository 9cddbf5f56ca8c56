// Package soundnessunlockalias is a verifier test: unlocking through an alias of the
// mutex gives the lease back, so the write after it is unprotected.
//
// EXPECT fail lease at line 31
package soundnessunlockalias

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

// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	m := s.mu
	s.mu.Lock()
	m.Unlock()
	disk.Write(0, b) //@ linearize
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}
