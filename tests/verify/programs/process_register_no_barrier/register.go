// Package processregisternobarrier is host_register_no_barrier under crash_model process:
// a process crash keeps every write, so acknowledging before a barrier is correct there.
//
// EXPECT verified
package processregisternobarrier

import (
	"armada/goose/machine/disk"
	"sync"
)

//@ disk_size 1
//@ crash_model process
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
