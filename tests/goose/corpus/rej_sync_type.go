package corpus

import "sync"

// Only *sync.Mutex and *sync.Cond come from sync (each other type gets its own rejection,
// not a type error).
type Pool struct {
	once *sync.Once // ERROR goose/sync-type
	wg sync.WaitGroup // ERROR only *sync.Mutex
}

func (p *Pool) Wait() {
	p.wg.Wait()
}

func nilString(s string) bool {
	return s == nil // ERROR cannot use `nil`
}
