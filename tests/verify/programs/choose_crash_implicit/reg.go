// Package choosecrashimplicit is a verifier test of choose in a crash step with no
// crash_step statement: the spec lets a crash keep the last value or the one before; the
// register keeps every write (process crashes), and the verifier finds the choice (the last)
// that makes the crash invariant hold when recovery returns.
//
// EXPECT verified
package choosecrashimplicit

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
	"sync"
)

//@ disk_size 1
//@ spec Reg {
//@   state val: uint64
//@   state prev: uint64
//@   op Put(v uint64) { prev = val; val = v }
//@   op Get() uint64 { return val }
//@   crash { choose k uint64 such that k == val || k == prev; val = k }
//@ }

//@ crash_inv Reg.val == prims.UInt64Get(disk.D[0])

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements Reg.Put
func (s *Store) Put(v uint64) {
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, v)
	s.mu.Lock()
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}

//@ implements Reg.Get
func (s *Store) Get() uint64 {
	s.mu.Lock()
	b := disk.Read(0) //@ linearize
	s.mu.Unlock()
	return prims.UInt64Get(b)
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}
