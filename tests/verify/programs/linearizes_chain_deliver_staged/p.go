// Package linchain is a seeded bug of linearizes_chain: Deliver only stages the message:
// no call on its path takes its step (the explorer finds Has returning false after it).
//
// EXPECT fail refinement at line 74
package linchain

import "sync"

const N uint64 = 2

//@ spec Mail {
//@   state boxes: map[uint64]map[uint64]bool
//@   op Deliver(u uint64, id uint64) { require u < N; boxes[u][id] = true }
//@   op Has(u uint64, id uint64) bool { require u < N; return boxes[u][id] }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 0
//@   domain uint64 = {0, 1}
//@ }

type box struct {
	mu     *sync.Mutex //@ lock_inv acc(ids) && ids != nil && (forall k uint64 :: acc(ids[k])) && acc(staged) && staged != nil && staged != ids && (forall k uint64 :: acc(staged[k])) && acc(full) && acc(Mail.boxes[user]) && (forall k uint64 :: ids[k] == Mail.boxes[user][k])
	user   uint64
	ids    map[uint64]bool
	staged map[uint64]bool
	full   bool
}

type Store struct {
	boxes []*box //@ invariant uint64(len(boxes)) == N && (forall j uint64 :: j < N ==> boxes[j] != nil && boxes[j].user == j)
}

//@ init
func New() *Store {
	b := []*box{&box{mu: new(sync.Mutex), user: 0, ids: make(map[uint64]bool), staged: make(map[uint64]bool), full: false},
		&box{mu: new(sync.Mutex), user: 1, ids: make(map[uint64]bool), staged: make(map[uint64]bool), full: false}}
	return &Store{boxes: b}
}

// linkNext adds id to b (published, or staged) unless b is full.
//
//@ requires b != nil && b.user < N
//@ linearizes Mail.Deliver(b.user, id) if publish && ret
func linkNext(b *box, id uint64, publish bool) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.full {
		return false
	}
	if publish {
		b.ids[id] = true //@ linearize
	} else {
		b.staged[id] = true
	}
	return true
}

//@ requires u < N
//@ linearizes Mail.Deliver(u, id) if publish
func (s *Store) linkInto(u uint64, id uint64, publish bool) {
	for {
		if linkNext(s.boxes[u], id, publish) {
			break
		}
	}
}

//@ implements Mail.Deliver
//@ requires u < N
func (s *Store) Deliver(u uint64, id uint64) {
	s.linkInto(u, id, false)
}

//@ implements Mail.Has
//@ requires u < N
func (s *Store) Has(u uint64, id uint64) bool {
	b := s.boxes[u]
	b.mu.Lock()
	r := b.ids[id] //@ linearize
	b.mu.Unlock()
	return r
}

// Stage records id in u's box without publishing it.
//
//@ requires u < N
func (s *Store) Stage(u uint64, id uint64) {
	s.linkInto(u, id, false)
}
