// Package rtlockedyieldok is a verifier test: the twin of redteam_locked_yield whose op
// reads the block again after the helper hands the lock back, and answers from that read.
//
// EXPECT verified
package rtlockedyieldok

import (
	"armada/goose/machine/disk"
	"sync"
)

//@ disk_size 1
//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   op Get() disk.Block { return val }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0]

//@ explore {
//@   goroutines 2; ops 1; crashes 0
//@   domain disk.Block = {block(1)}
//@   thread { Get() }
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

//@ implements Reg.Get
func (s *Store) Get() disk.Block {
	s.mu.Lock()
	s.yield()
	b := disk.Read(0) //@ linearize
	s.mu.Unlock()
	return b
}

//@ requires locked(s.mu)
//@ ensures locked(s.mu)
func (s *Store) yield() {
	s.mu.Unlock()
	s.mu.Lock()
}
