// Package hostregisterunlockfirst is a verifier test: Put releases the lock before its
// barrier, so the next holder takes a block whose write a power loss can still undo.
//
// EXPECT fail durability at line 31
package hostregisterunlockfirst

import (
	"armada/goose/machine/disk"
	"sync"
)

//@ disk_size 1
//@ crash_model host
//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0] || helping(Reg.Put(disk.D[0]))

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements Reg.Put
//@ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Write(0, b) //@ helping Reg.Put(b)
	s.mu.Unlock()
	disk.Barrier() //@ linearize
}

//@ recover
func Recover() *Store {
	disk.Barrier()
	v := disk.Read(0) //@ complete? Reg.Put(v)
	return &Store{mu: new(sync.Mutex)}
}
