// Package specstructrecord is a verifier test of struct values in a spec: the spec's state
// is one record (a struct), Put replaces it with a struct literal, Get returns it whole and
// the code answers with a Go struct it decodes from block 0; the crash invariant compares
// the spec's record with a literal built from the block's bytes.
//
// EXPECT verified
package specstructrecord

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
	return Rec{Val: enc.Get64(blk, 0), Tag: enc.Get64(blk, 8)}
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
