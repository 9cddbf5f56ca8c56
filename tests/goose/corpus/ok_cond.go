package corpus

import "sync"

// A condition variable over a mutex: Wait in a loop, Signal and Broadcast.
type Queue struct {
	mu    *sync.Mutex
	cond  *sync.Cond
	items []uint64
}

func NewQueue() *Queue {
	mu := new(sync.Mutex)
	return &Queue{mu: mu, cond: sync.NewCond(mu), items: nil}
}

func (q *Queue) Put(x uint64) {
	q.mu.Lock()
	q.items = append(q.items, x)
	q.cond.Signal()
	q.mu.Unlock()
}

func (q *Queue) Get() uint64 {
	q.mu.Lock()
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	x := q.items[0]
	q.items = q.items[1:]
	q.cond.Broadcast()
	q.mu.Unlock()
	return x
}
