// Package diskwrongresult is a verifier test: disk wrong result.
//
// EXPECT fail result at line 34
package diskwrongresult

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

//@ implements Reg.Get
func (s *Store) Get() disk.Block {
	s.mu.Lock()
	v := disk.Read(1) //@ linearize
	s.mu.Unlock()
	return v
}
