// Package lockinvunstable is a verifier test: lock inv unstable.
//
// EXPECT fail lock-inv at line 22
package lockinvunstable

import (
	"sync"
	"armada/goose/machine/disk"
)

//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { val = b }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0]

// The invariant relies on block 1, which no lease protects: another thread may write it
// while the lock is free.
type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && disk.D[0] == disk.D[1]
}

//@ implements Reg.Put
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}
