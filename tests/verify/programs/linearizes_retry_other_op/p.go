// Package linkv is a seeded bug of linearizes_retry: Get calls tryPut, which may take a Put step: Get
// is no Put.
//
// EXPECT fail refinement at line 68
package linkv

import "sync"

const N uint64 = 2

//@ spec Kv {
//@   state vals: map[uint64]uint64
//@   op Put(k uint64, v uint64) { require k < N; vals[k] = v }
//@   op Get(k uint64) uint64 { require k < N; return vals[k] }
//@   crash { }
//@ }

type slot struct {
	mu   *sync.Mutex //@ lock_inv acc(val) && acc(busy) && acc(Kv.vals[k]) && val == Kv.vals[k]
	k    uint64
	val  uint64
	busy bool
}

type Store struct {
	slots []*slot //@ invariant uint64(len(slots)) == N && (forall j uint64 :: j < N ==> slots[j] != nil && slots[j].k == j)
}

//@ init
func New() *Store {
	s := []*slot{&slot{mu: new(sync.Mutex), k: 0, val: 0, busy: false},
		&slot{mu: new(sync.Mutex), k: 1, val: 0, busy: false}}
	return &Store{slots: s}
}

// tryPut stores v in slot k unless it is busy.
//
//@ requires sl != nil && sl.k < N
//@ linearizes Kv.Put(sl.k, v) if ret
func tryPut(sl *slot, v uint64) bool {
	sl.mu.Lock()
	defer sl.mu.Unlock()
	if sl.busy {
		return false
	}
	sl.val = v //@ linearize
	return true
}

//@ implements Kv.Put
//@ requires k < N
func (s *Store) Put(k uint64, v uint64) {
	sl := s.slots[k]
	for {
		if tryPut(sl, v) {
			break
		}
	}
}

//@ implements Kv.Get
//@ requires k < N
func (s *Store) Get(k uint64) uint64 {
	sl := s.slots[k]
	sl.mu.Lock()
	r := sl.val //@ linearize
	sl.mu.Unlock()
	tryPut(sl, r)
	sl.mu.Lock()
	sl.mu.Unlock()
	return r
}
