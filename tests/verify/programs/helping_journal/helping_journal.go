// Package helpingjournal is a verifier test: helping journal.
//
// EXPECT verified
package helpingjournal

import (
	"sync"
	"armada/goose/machine/disk"
)

// Block 1 is a journal: Put writes it first, then block 0; recovery copies the journal to
// block 0, finishing a Put that a crash interrupted.
//@ disk_size 2
//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0] && (disk.D[1] != disk.D[0] ==> helping(Reg.Put(disk.D[1])))

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && lease(disk.D[1]) && disk.D[0] == disk.D[1]
}

//@ recover
func Recover() *Store {
	v := disk.Read(1)
	disk.Write(0, v) //@ complete Reg.Put(v)
	return &Store{mu: new(sync.Mutex)}
}

//@ implements Reg.Put
//@ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Write(1, b) //@ helping Reg.Put(b)
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}
