// Package soundnessfreshstructlock is a verifier test: an op that builds its own Store and
// locks it would get a lease out of nothing (two such calls interleave their writes).
//
// EXPECT fail lease at line 28
package soundnessfreshstructlock

import (
	"armada/goose/machine/disk"
	"sync"
)

//@ disk_size 1
//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0]

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	t := &Store{mu: new(sync.Mutex)}
	t.mu.Lock()
	disk.Write(0, b) //@ linearize
	t.mu.Unlock()
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}
