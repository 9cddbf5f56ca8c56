// Package speclistqueuepopsback is a verifier test of spec lists: Pop takes the last value
// (a stack), not the first.
//
// EXPECT fail lock-inv at line 49
package speclistqueuepopsback

import "sync"

//@ spec Queue {
//@   state q: []uint64
//@   op Push(x uint64) { q = append(q, x) }
//@   op Pop() uint64 { if len(q) == 0 { return 0 }; choose x uint64 such that x == q[0]; q = q[1:]; return x }
//@   op Len() uint64 { return len(q) }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 0
//@   domain uint64 = {1, 2}
//@ }

type Queue struct {
	mu    *sync.Mutex //@ lock_inv acc(items) && acc(head) && acc(Queue.q) && head <= len(items) && (forall i uint64 :: i < len(items) ==> acc(items[i])) && items[head:] == Queue.q
	items []uint64
	head  uint64
}

//@ init
func New() *Queue {
	return &Queue{mu: new(sync.Mutex), items: make([]uint64, 0), head: 0}
}

//@ implements Queue.Push
func (q *Queue) Push(x uint64) {
	q.mu.Lock()
	q.items = append(q.items, x) //@ linearize
	q.mu.Unlock()
}

//@ implements Queue.Pop
func (q *Queue) Pop() uint64 {
	q.mu.Lock()
	if q.head == uint64(len(q.items)) {
		q.mu.Unlock() //@ linearize
		return 0
	}
	x := q.items[len(q.items)-1]
	q.items = q.items[:len(q.items)-1] //@ linearize
	q.mu.Unlock()
	return x
}

//@ implements Queue.Len
func (q *Queue) Len() uint64 {
	q.mu.Lock()
	n := uint64(len(q.items)) - q.head //@ linearize
	q.mu.Unlock()
	return n
}
