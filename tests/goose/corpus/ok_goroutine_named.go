package corpus

import "sync"

type Shared struct {
	mu *sync.Mutex
	n  uint64
}

func (s *Shared) add(k uint64) {
	s.mu.Lock()
	s.n += k
	s.mu.Unlock()
}

func worker(s *Shared, k uint64) {
	s.add(k)
}

// go f(x) and go of a method call.
func spawnNamed() *Shared {
	s := &Shared{mu: new(sync.Mutex)}
	for i := uint64(0); i < 4; i++ {
		go worker(s, i)
	}
	go s.add(10)
	return s
}
