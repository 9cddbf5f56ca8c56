// Package rtlockedacquire is a verifier test: a helper that returns holding a lock
// (`ensures locked(s.mu)`) took it after other threads ran, so what its caller read before
// the call is stale. Stable returned false when a Put ran before acquire took the lock; it
// was proved.
//
// EXPECT fail result at line 54
package rtlockedacquire

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
	b := disk.Read(0)
	s.acquire()
	b2 := disk.Read(0) //@ linearize
	s.mu.Unlock()
	return b[0] == b2[0]
}

//@ ensures locked(s.mu)
func (s *Store) acquire() {
	s.mu.Lock()
}
