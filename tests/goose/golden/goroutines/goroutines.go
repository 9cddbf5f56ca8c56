// Package goroutines pins how goroutines are modelled: `go f(x)` evaluates f's arguments in
// the spawning goroutine; a `go func() { ... }()` literal becomes a synthetic function whose
// captured variables are passed as pointers to heap cells (the captured locals are boxed),
// and whose explicit arguments are evaluated before the spawn.
package goroutines

import "sync"

type State struct {
	mu    *sync.Mutex
	cond  *sync.Cond
	count uint64
}

func (s *State) add(k uint64) {
	s.mu.Lock()
	s.count += k
	s.cond.Broadcast()
	s.mu.Unlock()
}

func Named(s *State, n uint64) {
	for i := uint64(0); i < n; i++ {
		go s.add(i)
	}
}

func Literal(n uint64) uint64 {
	mu := new(sync.Mutex)
	total := uint64(0)
	finished := uint64(0)
	cond := sync.NewCond(mu)
	for i := uint64(0); i < n; i++ {
		go func(k uint64) {
			mu.Lock()
			total += k
			finished++
			cond.Signal()
			mu.Unlock()
		}(i * 2)
	}
	mu.Lock()
	for finished < n {
		cond.Wait()
	}
	t := total
	mu.Unlock()
	return t
}

func Nested() {
	x := uint64(1)
	go func() {
		y := x + 1
		go func() {
			x = y
		}()
	}()
}

// LoopVar captures the loop variable: Go 1.22 gives each iteration its own i, so the
// model boxes i (the semantics copies the cell per iteration).
func LoopVar(s *State) {
	for i := uint64(0); i < 3; i++ {
		go func() {
			s.add(i)
		}()
	}
}
