// Package rt2lockinvleaseunownedok is a verifier test: the twin of
// redteam2_lockinv_lease_unowned. The lease set of ma reads only memory ma owns (the map
// open and its entries), so it cannot move while ma is free; every write of D[0] is made
// holding ma.
//
// EXPECT verified
package rt2lockinvleaseunownedok

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1
//@ spec Reg {
//@   state val: uint64
//@   op Put(v uint64) { val = v }
//@   op Get() uint64 { return val }
//@   op Inc() uint64 { if val >= 100 { val = 1 } else { val = val + 1 }; return val }
//@   crash { }
//@ }

//@ crash_inv Reg.val == prims.UInt64Get(disk.D[0]) && len(disk.D[0]) == disk.BlockSize

//@ explore {
//@   goroutines 2; ops 2; crashes 0
//@   domain uint64 = {5}
//@   thread { Put(5) }
//@   thread { Inc(); Get() }
//@ }

type Store struct {
	ma   *sync.Mutex //@ lock_inv acc(open) && open != nil && (forall k uint64 :: acc(open[k])) && open[0] && (forall a uint64 :: a < 1 && open[a] ==> lease(disk.D[a]))
	open map[uint64]bool
}

//@ recover
func Recover() *Store {
	m := make(map[uint64]bool)
	m[0] = true
	return &Store{ma: new(sync.Mutex), open: m}
}

//@ ensures len(ret) == disk.BlockSize && prims.UInt64Get(ret) == x
func block(x uint64) disk.Block {
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, x)
	return b
}

//@ implements Reg.Put
func (s *Store) Put(v uint64) {
	s.ma.Lock()
	disk.Write(0, block(v)) //@ linearize
	s.ma.Unlock()
}

//@ implements Reg.Inc
func (s *Store) Inc() uint64 {
	s.ma.Lock()
	v := prims.UInt64Get(disk.Read(0))
	if v >= 100 {
		v = 0
	}
	disk.Write(0, block(v+1)) //@ linearize
	s.ma.Unlock()
	return v + 1
}

//@ implements Reg.Get
func (s *Store) Get() uint64 {
	s.ma.Lock()
	v := prims.UInt64Get(disk.Read(0)) //@ linearize
	s.ma.Unlock()
	return v
}
