// Package specboxes is a verifier test of per-user spec state built in a loop: recovery
// makes one box per user, each box's lock owning that user's key of a nested spec map
// (S.has[user]); the user number is a field of the box, read back through the slice of
// boxes (boxes[j].user == j) after later boxes were built. A crash empties the spec's
// mailboxes (an empty map literal), so recovery starts every box empty.
//
// EXPECT verified
package specboxes

import "sync"

//@ spec S {
//@   state has: map[uint64]map[string]bool
//@   op Add(u uint64, k string) { has[u][k] = true }
//@   op Has(u uint64, k string) bool { return has[u][k] }
//@   crash { has = map[uint64]map[string]bool{} }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 1
//@   recover_args(2)
//@   domain uint64 = {0, 1}
//@   domain string = {"a", "b"}
//@ }

type box struct {
	mu   *sync.Mutex //@ lock_inv acc(set) && set != nil && (forall k string :: acc(set[k])) && acc(S.has[user]) && (forall k string :: set[k] == S.has[user][k])
	user uint64
	set  map[string]bool
}

type Store struct {
	n     uint64
	boxes []*box //@ invariant uint64(len(boxes)) == n && (forall j uint64 :: j < n ==> boxes[j] != nil && boxes[j].user == j)
}

//@ recover
func Open(n uint64) *Store {
	boxes := make([]*box, 0)
	var u uint64 = 0 //@ crash_step
	for u < n {
		//@ invariant u <= n && uint64(len(boxes)) == u && (forall j uint64 :: j < len(boxes) ==> acc(boxes[j])) && (forall j uint64 :: j < u ==> boxes[j] != nil && boxes[j].user == j)
		//@ invariant (forall j uint64, k string :: j >= u ==> !S.has[j][k]) && (forall j uint64 :: j >= u ==> acc(S.has[j]))
		boxes = append(boxes, &box{mu: new(sync.Mutex), user: u, set: make(map[string]bool)})
		u = u + 1
	}
	return &Store{n: n, boxes: boxes}
}

//@ implements S.Add
//@ requires u < s.n
func (s *Store) Add(u uint64, k string) {
	b := s.boxes[u]
	b.mu.Lock()
	b.set[k] = true //@ linearize
	b.mu.Unlock()
}

//@ implements S.Has
//@ requires u < s.n
func (s *Store) Has(u uint64, k string) bool {
	b := s.boxes[u]
	b.mu.Lock()
	r := b.set[k] //@ linearize
	b.mu.Unlock()
	return r
}
