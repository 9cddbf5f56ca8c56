// Package soundnessfreshstructhelper is a verifier test: a helper that builds a fresh Store
// holds no lease to give it, even when it is called from an op that holds the real lock.
//
// EXPECT fail lease at line 26
package soundnessfreshstructhelper

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

func fresh() *Store {
	return &Store{mu: new(sync.Mutex)}
}

// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	t := fresh()
	t.mu.Lock()
	disk.Write(0, b) //@ linearize
	t.mu.Unlock()
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}
