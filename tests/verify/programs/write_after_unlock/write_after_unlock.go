// Package writeafterunlock is a verifier test: write after unlock.
//
// EXPECT fail lease at line 33
package writeafterunlock

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

//@ implements Reg.Put
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	s.mu.Unlock()
	disk.Write(0, b) //@ linearize
}
