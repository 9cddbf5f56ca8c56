// Package specstructrecordswapped is a verifier test of struct values in a spec: Get builds
// its result with the two fields swapped, so the Go struct it returns is not the spec's
// record (a struct result compared field by field).
//
// EXPECT fail result at line 55
package specstructrecordswapped

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

type Rec struct {
	Val uint64
	Tag uint64
}

//@ disk_size 1
//@ spec Reg {
//@   state cur: Rec
//@   op Put(v uint64, t uint64) { cur = Rec{Val: v, Tag: t} }
//@   op Get() Rec { return cur }
//@   op Tag() uint64 { return cur.Tag }
//@   crash { }
//@ }

//@ crash_inv Reg.cur == Rec{Val: enc.Get64(disk.D[0], 0), Tag: enc.Get64(disk.D[0], 8)}

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@   domain uint64 = {0, 1}
//@ }

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements Reg.Put
func (s *Store) Put(v uint64, t uint64) {
	s.mu.Lock()
	blk := disk.Read(0)
	enc.Put64(blk, 0, v)
	enc.Put64(blk, 8, t)
	disk.Write(0, blk) //@ linearize
	s.mu.Unlock()
}

//@ implements Reg.Get
func (s *Store) Get() Rec {
	s.mu.Lock()
	blk := disk.Read(0) //@ linearize
	s.mu.Unlock()
	return Rec{Val: enc.Get64(blk, 8), Tag: enc.Get64(blk, 0)}
}

//@ implements Reg.Tag
func (s *Store) Tag() uint64 {
	s.mu.Lock()
	blk := disk.Read(0) //@ linearize
	s.mu.Unlock()
	return enc.Get64(blk, 8)
}

//@ recover
func Open() *Store {
	return &Store{mu: new(sync.Mutex)}
}
