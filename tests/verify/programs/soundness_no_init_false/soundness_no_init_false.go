// Package soundnessnoinitfalse is a verifier test: with no init, a false crash invariant is never established.
//
// EXPECT fail crash-inv at line 30
package soundnessnoinitfalse

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

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && lease(disk.D[1])
}

// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}

//@ crash_inv false

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}
