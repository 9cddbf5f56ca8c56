// Package soundnesslockinvfalse is a verifier test: a lock invariant that can never hold
// hands false to whoever takes the lock.
//
// EXPECT fail vacuous at line 22
package soundnesslockinvfalse

import (
	"armada/goose/machine/disk"
	"sync"
)

//@ disk_size 4
//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0]

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && disk.D[0] != disk.D[0]
}

// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Write(1, b) //@ linearize
	s.mu.Unlock()
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}
