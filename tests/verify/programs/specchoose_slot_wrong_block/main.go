// Package specchooseslotwrongblock is a verifier test of a choose whose value the code
// picks: the code names slot v % 4 as the spec's choice and returns it, but writes the value
// into the next block, so the spec's cell and the disk disagree.
//
// EXPECT fail crash-inv at line 45
package specchooseslotwrongblock

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

//@ disk_size 4
//@ spec Slots {
//@   state cells: map[uint64]uint64
//@   state stamp: uint64
//@   op Put(v uint64) uint64 {
//@     choose slot uint64 such that slot < 4
//@     choose t uint64 such that t != stamp
//@     cells[slot] = v; stamp = t; return slot
//@   }
//@   op Get(a uint64) uint64 { require a < 4; return cells[a] }
//@   crash { }
//@ }

//@ crash_inv forall a uint64 :: a < 4 ==> Slots.cells[a] == enc.Get64(disk.D[a], 0)

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@   domain uint64 = {1, 2}
//@ }

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && lease(disk.D[1]) && lease(disk.D[2]) && lease(disk.D[3])
}

//@ implements Slots.Put
func (s *Store) Put(v uint64) uint64 {
	slot := v % 4
	b := make([]byte, disk.BlockSize)
	enc.Put64(b, 0, v)
	s.mu.Lock()
	disk.Write((v+1)%4, b) //@ linearize slot = v % 4
	s.mu.Unlock()
	return slot
}

//@ implements Slots.Get
//@ requires a < 4
func (s *Store) Get(a uint64) uint64 {
	s.mu.Lock()
	b := disk.Read(a) //@ linearize
	s.mu.Unlock()
	return enc.Get64(b, 0)
}

//@ recover
func Open() *Store {
	return &Store{mu: new(sync.Mutex)}
}
