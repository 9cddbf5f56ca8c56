// Package leasewrongblock is a verifier test: lease wrong block.
//
// EXPECT fail lease at line 31
package leasewrongblock

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

func (s *Store) Scribble(b disk.Block) {
	s.mu.Lock()
	disk.Write(1, b)
	s.mu.Unlock()
}
