// Package soundnessoprequiresfalse is a verifier test: an op whose precondition can never
// hold proves anything (here a Put that writes the wrong block).
//
// EXPECT fail vacuous at line 27
package soundnessoprequiresfalse

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
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && lease(disk.D[1])
}

// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize && len(b) == 0
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Write(1, b) //@ linearize
	s.mu.Unlock()
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}
