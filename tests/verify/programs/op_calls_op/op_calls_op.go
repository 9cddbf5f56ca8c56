// Package opcallsop is a verifier test: op calls op.
//
// EXPECT fail refinement at line 39
package opcallsop

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
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}

// Put's spec step would happen inside this call, and this one's own too.
//@ implements Reg.Put
func (s *Store) PutTwice(b disk.Block) {
	s.Put(b)
	s.mu.Lock()
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}
