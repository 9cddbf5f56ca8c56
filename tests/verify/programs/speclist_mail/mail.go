// Package speclistmail is a verifier test of spec lists in a map: per-user mailboxes, each
// the list of its messages (structs) in arrival order. Each user's box has its own lock,
// which owns that user's key of the spec map. Deliver gives a message the next ID of
// the box, its position; Pickup returns a copy of the list; Clear empties the box (and IDs start again from 0).
//
// EXPECT verified
package speclistmail

import "sync"

// N is the number of users.
const N uint64 = 2

// Msg is one message.
type Msg struct {
	ID   uint64
	Body uint64
}

//@ spec Mail {
//@   state boxes: map[uint64][]Msg
//@   op Deliver(u uint64, body uint64) { require u < N; boxes[u] = append(boxes[u], Msg{ID: len(boxes[u]), Body: body}) }
//@   op Pickup(u uint64) []Msg { require u < N; return boxes[u] }
//@   op Clear(u uint64) { require u < N; boxes[u] = []Msg{} }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 0
//@   domain uint64 = {0, 1}
//@ }

type box struct {
	mu   *sync.Mutex //@ lock_inv acc(msgs) && acc(next) && acc(Mail.boxes[id]) && (forall i uint64 :: i < len(msgs) ==> acc(msgs[i])) && msgs == Mail.boxes[id] && next == len(msgs) && (forall i uint64 :: i < len(msgs) ==> msgs[i].ID < next)
	id   uint64
	msgs []Msg
	next uint64
}

// Mailboat holds one box per user.
type Mailboat struct {
	boxes []*box //@ invariant uint64(len(boxes)) == N && (forall j uint64 :: j < N ==> boxes[j] != nil && boxes[j].id == j)
}

//@ init
func New() *Mailboat {
	b := []*box{&box{mu: new(sync.Mutex), id: 0, msgs: make([]Msg, 0), next: 0},
		&box{mu: new(sync.Mutex), id: 1, msgs: make([]Msg, 0), next: 0}}
	return &Mailboat{boxes: b}
}

//@ implements Mail.Deliver
//@ requires u < N
func (mb *Mailboat) Deliver(u uint64, body uint64) {
	b := mb.boxes[u]
	b.mu.Lock()
	id := b.next
	b.msgs = append(b.msgs, Msg{ID: id, Body: body}) //@ linearize
	b.next = id + 1
	b.mu.Unlock()
}

//@ implements Mail.Pickup
//@ requires u < N
func (mb *Mailboat) Pickup(u uint64) []Msg {
	b := mb.boxes[u]
	b.mu.Lock()
	out := make([]Msg, 0)
	for i, m := range b.msgs {
		//@ invariant uint64(len(out)) == i && (forall j uint64 :: j < len(out) ==> acc(out[j])) && out == Mail.boxes[u][:i]
		_ = i
		out = append(out, m)
	}
	_ = out //@ linearize
	b.mu.Unlock()
	return out
}

//@ implements Mail.Clear
//@ requires u < N
func (mb *Mailboat) Clear(u uint64) {
	b := mb.boxes[u]
	b.mu.Lock()
	b.msgs = make([]Msg, 0) //@ linearize
	b.next = 0
	b.mu.Unlock()
}
