package corpus

import "sync"

type Box struct {
	mu  *sync.Mutex
	val uint64
}

// defer of a mutex Unlock, with early returns.
func (b *Box) Get(limit uint64) uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.val > limit {
		return limit
	}
	return b.val
}

func lockLocal() {
	mu := new(sync.Mutex)
	mu.Lock()
	defer mu.Unlock()
}
