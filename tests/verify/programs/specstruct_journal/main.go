// Package specstructjournal is a verifier test of struct values as op arguments in helping:
// Put writes the record to a journal block first and hands its op to recovery
// (`helping Reg.Put(r)`, a struct argument), then to the home block, where it takes effect;
// recovery copies the journal home and completes the op with the record it decoded.
//
// EXPECT verified
package specstructjournal

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

type Rec struct {
	Val uint64
	Tag uint64
}

//@ disk_size 2
//@ spec Reg {
//@   state cur: Rec
//@   op Put(r Rec) { cur = r }
//@   op Get() Rec { return cur }
//@   crash { }
//@ }

//@ ghost func dec(b []byte) Rec { return Rec{Val: enc.Get64(b, 0), Tag: enc.Get64(b, 8)} }

//@ crash_inv Reg.cur == dec(disk.D[0]) && (dec(disk.D[1]) != dec(disk.D[0]) ==> helping(Reg.Put(dec(disk.D[1]))))

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@   domain Rec = {Rec{Val: 1, Tag: 2}, Rec{Val: 3}}
//@ }

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && lease(disk.D[1])
}

//@ ensures len(ret) == disk.BlockSize && dec(ret) == r
func encode(r Rec) []byte {
	b := make([]byte, disk.BlockSize)
	enc.Put64(b, 0, r.Val)
	enc.Put64(b, 8, r.Tag)
	return b
}

//@ implements Reg.Put
func (s *Store) Put(r Rec) {
	b := make([]byte, disk.BlockSize)
	enc.Put64(b, 0, r.Val)
	enc.Put64(b, 8, r.Tag)
	s.mu.Lock()
	disk.Write(1, b) //@ helping Reg.Put(r)
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}

//@ implements Reg.Get
func (s *Store) Get() Rec {
	s.mu.Lock()
	b := disk.Read(0) //@ linearize
	s.mu.Unlock()
	return Rec{Val: enc.Get64(b, 0), Tag: enc.Get64(b, 8)}
}

//@ recover
func Open() *Store {
	j := disk.Read(1)
	r := Rec{Val: enc.Get64(j, 0), Tag: enc.Get64(j, 8)}
	disk.Write(0, encode(r)) //@ complete? Reg.Put(r)
	return &Store{mu: new(sync.Mutex)}
}
