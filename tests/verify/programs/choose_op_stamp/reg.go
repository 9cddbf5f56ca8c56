// Package chooseopstamp is a verifier test of choose in an op: the spec stamps each Put with
// any stamp other than the last one; the code never looks at the stamp, so it is right for
// every stamp the spec may choose.
//
// EXPECT verified
package chooseopstamp

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
	"sync"
)

//@ disk_size 1
//@ spec Reg {
//@   state val: uint64
//@   state stamp: uint64
//@   op Put(v uint64) { choose t uint64 such that t != stamp; stamp = t; val = v }
//@   op Get() uint64 { return val }
//@   crash { }
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
