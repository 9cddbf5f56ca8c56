// Package hostregisterbarrierfirst is a verifier test: the barrier comes before the write it
// must cover, so the write is still volatile when Put takes effect and returns.
//
// EXPECT fail crash-inv at line 34
// EXPECT fail durability at line 35
// EXPECT fail durability at line 36
package hostregisterbarrierfirst

import (
	"armada/goose/machine/disk"
	"sync"
)

//@ disk_size 1
//@ crash_model host
//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   op Get() disk.Block { return val }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0] || helping(Reg.Put(disk.D[0]))

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && acc(Reg.val) && Reg.val == disk.D[0]
}

//@ implements Reg.Put
//@ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Barrier()
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}

//@ implements Reg.Get
func (s *Store) Get() disk.Block {
	s.mu.Lock()
	v := disk.Read(0) //@ linearize
	s.mu.Unlock()
	return v
}

//@ recover
func Recover() *Store {
	disk.Barrier()
	v := disk.Read(0) //@ complete? Reg.Put(v)
	_ = v // v is named for the annotation only
	return &Store{mu: new(sync.Mutex)}
}
