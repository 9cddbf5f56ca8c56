// Package rt2lockinvleaseunowned is a verifier test: a lock invariant whose lease set reads
// memory it does not own (ma's `open[a] ==> lease(disk.D[a])`, with open's entries owned by
// mb). The set moves when open changes, and nobody checks ma then: Put took ma while open[0]
// was true in its view (so it got D[0]'s lease), cleared open[0] under mb, and gave ma back
// the leases of the now empty set, keeping D[0]'s; it then wrote D[0] while Inc held ma and
// updated D[0] (a lost update: the explorer has Get return 1 where the spec allows 5). It
// was proved; now each Lock of ma is a lock-inv failure.
//
// EXPECT fail lock-inv at line 64
// EXPECT fail lock-inv at line 77
// EXPECT fail lock-inv at line 89
package rt2lockinvleaseunowned

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
	ma   *sync.Mutex //@ lock_inv forall a uint64 :: a < 1 && open[a] ==> lease(disk.D[a])
	mb   *sync.Mutex //@ lock_inv acc(open) && open != nil && (forall k uint64 :: acc(open[k]))
	open map[uint64]bool
}

//@ recover
func Recover() *Store {
	m := make(map[uint64]bool)
	m[0] = true
	return &Store{ma: new(sync.Mutex), mb: new(sync.Mutex), open: m}
}

//@ ensures len(ret) == disk.BlockSize && prims.UInt64Get(ret) == x
func block(x uint64) disk.Block {
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, x)
	return b
}

//@ implements Reg.Put
func (s *Store) Put(v uint64) {
	s.mb.Lock()
	s.open[0] = true
	s.mb.Unlock()
	s.ma.Lock()
	s.mb.Lock()
	s.open[0] = false
	s.mb.Unlock()
	s.ma.Unlock()
	disk.Write(0, block(v)) //@ linearize
}

//@ implements Reg.Inc
func (s *Store) Inc() uint64 {
	s.mb.Lock()
	s.open[0] = true
	s.mb.Unlock()
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
