// Package speclisttrim is a verifier test of a spec choose over lists: Trim keeps some
// prefix of the list (the spec's choice), and the code names the one it keeps, the first
// half (`linearize x = S.l[:n]`). The explorer has no domain of lists: it tries the lists
// the state holds, shortened and lengthened by one.
//
// EXPECT verified
package speclisttrim

import "sync"

//@ spec S {
//@   state l: []uint64
//@   op Add(v uint64) { l = append(l, v) }
//@   op Trim() { choose x []uint64 such that len(x) <= len(l) && x == l[:len(x)]; l = x }
//@   op All() []uint64 { return l }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 0
//@   domain uint64 = {1, 2}
//@ }

type S struct {
	mu    *sync.Mutex //@ lock_inv acc(items) && acc(S.l) && (forall i uint64 :: i < len(items) ==> acc(items[i])) && items == S.l
	items []uint64
}

//@ init
func New() *S {
	return &S{mu: new(sync.Mutex), items: make([]uint64, 0)}
}

//@ implements S.Add
func (s *S) Add(v uint64) {
	s.mu.Lock()
	s.items = append(s.items, v) //@ linearize
	s.mu.Unlock()
}

//@ implements S.Trim
func (s *S) Trim() {
	s.mu.Lock()
	n := uint64(len(s.items)) / 2
	s.items = s.items[:n] //@ linearize x = S.l[:n]
	s.mu.Unlock()
}

//@ implements S.All
func (s *S) All() []uint64 {
	s.mu.Lock()
	out := make([]uint64, len(s.items))
	copy(out, s.items)
	_ = out //@ linearize
	s.mu.Unlock()
	return out
}
