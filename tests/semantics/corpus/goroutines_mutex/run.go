package main

import "sync"

type Shared struct {
	mu   *sync.Mutex
	cond *sync.Cond
	n    uint64
	done uint64
}

func worker(s *Shared, k uint64) {
	for i := uint64(0); i < k; i++ {
		s.mu.Lock()
		s.n = s.n + 1
		s.mu.Unlock()
	}
	s.mu.Lock()
	s.done++
	s.cond.Broadcast()
	s.mu.Unlock()
}

func Run() (uint64, uint64) {
	mu := new(sync.Mutex)
	s := &Shared{mu: mu, cond: sync.NewCond(mu)}
	for w := uint64(0); w < 3; w++ {
		go worker(s, 10)
	}
	s.mu.Lock()
	for s.done < 3 {
		s.cond.Wait()
	}
	n := s.n
	s.mu.Unlock()
	return n, s.done
}
