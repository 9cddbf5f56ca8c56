// Package soundnesshelpingnorecover is a verifier test: the crash invariant relies on helping, but nothing completes a helped op.
//
// EXPECT fail vacuous at line 30
package soundnesshelpingnorecover

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

//@ crash_inv Reg.val == disk.D[0] && (disk.D[1] != disk.D[0] ==> helping(Reg.Put(disk.D[1])))

//@ init
func New() *Store {
	return &Store{mu: new(sync.Mutex)}
}
