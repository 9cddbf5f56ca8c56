// Package earlylinearize is a verifier test: early linearize.
//
// EXPECT fail crash-inv at line 32
package earlylinearize

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

// Takes the spec step before the disk has the value.
//@ implements Reg.Put
func (s *Store) Put(b disk.Block) {
	s.mu.Lock() //@ linearize
	disk.Write(0, b)
	s.mu.Unlock()
}
