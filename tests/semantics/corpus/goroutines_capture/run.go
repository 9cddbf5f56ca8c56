package main

import "sync"

func Run() uint64 {
	mu := new(sync.Mutex)
	cond := sync.NewCond(mu)
	total := uint64(0)
	finished := uint64(0)
	for i := uint64(1); i <= 4; i++ {
		go func() {
			mu.Lock()
			total += i * 10
			finished++
			cond.Signal()
			mu.Unlock()
		}()
	}
	mu.Lock()
	for finished < 4 {
		cond.Wait()
	}
	t := total
	mu.Unlock()
	return t
}
