package corpus

import "sync"

// A mutex held by pointer, in a struct and as a local.
type Guarded struct {
	mu  *sync.Mutex
	val uint64
}

func NewGuarded() *Guarded {
	return &Guarded{mu: new(sync.Mutex), val: 0}
}

func (g *Guarded) Incr() uint64 {
	g.mu.Lock()
	g.val++
	v := g.val
	g.mu.Unlock()
	return v
}

func localMutex() {
	mu := new(sync.Mutex)
	mu.Lock()
	mu.Unlock()
	locks := make([]*sync.Mutex, 4)
	locks[0] = new(sync.Mutex)
	locks[0].Lock()
	locks[0].Unlock()
}
