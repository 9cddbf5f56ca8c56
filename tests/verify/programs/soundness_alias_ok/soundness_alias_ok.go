// Package soundnessaliasok is a verifier test: locking and unlocking through local
// aliases of the mutex (and a deferred unlock) is the same lock.
//
// EXPECT verified
package soundnessaliasok

import (
	"armada/goose/machine/disk"
	"sync"
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

// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	m := s.mu
	m.Lock()
	disk.Write(0, b) //@ linearize
	m.Unlock()
}

//@ implements Reg.Get
func (s *Store) Get() disk.Block {
	m := s.mu
	m.Lock()
	defer m.Unlock()
	v := disk.Read(0) //@ linearize
	return v
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}
