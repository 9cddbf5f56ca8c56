// Package rtlockedyield is a verifier test: a helper that receives a held lock and hands
// it back (`requires locked(s.mu)`, `ensures locked(s.mu)`) may let it go in between, so
// its caller gets the lock back as from Lock: after other threads ran. Stable returned
// false when a Put ran inside yield (the explorer shows it); it was proved, because the
// caller kept what it knew of the leased block across the call.
//
// EXPECT fail result at line 57
package rtlockedyield

import (
	"armada/goose/machine/disk"
	"sync"
)

//@ disk_size 1
//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   op Stable() bool { return true }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0]

//@ explore {
//@   goroutines 2; ops 1; crashes 0
//@   domain disk.Block = {block(1)}
//@   thread { Stable() }
//@   thread { Put(block(1)) }
//@ }

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}

//@ implements Reg.Put
//@ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}

//@ implements Reg.Stable
func (s *Store) Stable() bool {
	s.mu.Lock()
	b := disk.Read(0)
	s.yield()
	b2 := disk.Read(0)
	//@ linearize
	s.mu.Unlock()
	return b[0] == b2[0]
}

//@ requires locked(s.mu)
//@ ensures locked(s.mu)
func (s *Store) yield() {
	s.mu.Unlock()
	s.mu.Lock()
}
