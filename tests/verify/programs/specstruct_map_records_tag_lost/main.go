// Package specstructmaprecordstaglost is a verifier test of struct values inside a spec map:
// SetVal writes a fresh block with the new Val, losing the stored record's Tag, where the
// spec changes only the Val field of the record.
//
// EXPECT fail crash-inv at line 60
package specstructmaprecordstaglost

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

type Rec struct {
	Val uint64
	Tag uint64
}

const N uint64 = 3 //@ disk_size N

//@ spec Kv {
//@   state recs: map[uint64]Rec
//@   op Write(a uint64, r Rec) { require a < N; recs[a] = r }
//@   op SetVal(a uint64, v uint64) { require a < N; recs[a].Val = v }
//@   op Read(a uint64) Rec { require a < N; return recs[a] }
//@   op Val(a uint64) uint64 { require a < N; return recs[a].Val }
//@   crash { }
//@ }

//@ crash_inv forall a uint64 :: a < N ==> Kv.recs[a] == Rec{Val: enc.Get64(disk.D[a], 0), Tag: enc.Get64(disk.D[a], 8)}

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@   domain uint64 = {0, 1}
//@   domain Rec = {Rec{Val: 1, Tag: 2}, Rec{}}
//@ }

type Store struct {
	locks []*sync.Mutex //@ lock_inv(a) a < N ==> lease(disk.D[a])
}

//@ implements Kv.Write
//@ requires a < N
func (s *Store) Write(a uint64, r Rec) {
	b := make([]byte, disk.BlockSize)
	enc.Put64(b, 0, r.Val)
	enc.Put64(b, 8, r.Tag)
	s.locks[a].Lock()
	disk.Write(a, b) //@ linearize
	s.locks[a].Unlock()
}

//@ implements Kv.SetVal
//@ requires a < N
func (s *Store) SetVal(a uint64, v uint64) {
	s.locks[a].Lock()
	b := make([]byte, disk.BlockSize)
	enc.Put64(b, 0, v)
	disk.Write(a, b) //@ linearize
	s.locks[a].Unlock()
}

//@ implements Kv.Read
//@ requires a < N
func (s *Store) Read(a uint64) Rec {
	s.locks[a].Lock()
	b := disk.Read(a) //@ linearize
	s.locks[a].Unlock()
	r := Rec{Val: enc.Get64(b, 0)}
	r.Tag = enc.Get64(b, 8)
	return r
}

//@ implements Kv.Val
//@ requires a < N
func (s *Store) Val(a uint64) uint64 {
	s.locks[a].Lock()
	b := disk.Read(a) //@ linearize
	s.locks[a].Unlock()
	return enc.Get64(b, 0)
}

//@ requires forall a uint64 :: a < N ==> lease(disk.D[a])
func newStore() *Store {
	locks := make([]*sync.Mutex, N)
	for i := uint64(0); i < N; i++ {
		//@ invariant forall j uint64 :: j < i ==> locks[j] != nil
		locks[i] = new(sync.Mutex)
	}
	return &Store{locks: locks}
}

//@ recover
func Open() *Store {
	return newStore()
}
