package corpus

import "sync"

// go func(){...}() capturing variables (by reference), with parameters, and nested.
func spawnLiteral() uint64 {
	mu := new(sync.Mutex)
	count := uint64(0)
	done := false
	for i := uint64(0); i < 3; i++ {
		go func(k uint64) {
			mu.Lock()
			count += k
			mu.Unlock()
		}(i)
	}
	go func() {
		mu.Lock()
		done = true
		mu.Unlock()
		go func() {
			mu.Lock()
			count++
			mu.Unlock()
		}()
	}()
	mu.Lock()
	c := count
	if done {
		c++
	}
	mu.Unlock()
	return c
}

// Unnamed and blank parameters of a goroutine literal still take their arguments (an
// unnamed one was once dropped, giving "wrong number of arguments").
func spawnUnnamed(n uint64) {
	go func(uint64, bool) {
	}(n, true)
	go func(_ uint64, b bool) {
		_ = b
	}(n, false)
}
