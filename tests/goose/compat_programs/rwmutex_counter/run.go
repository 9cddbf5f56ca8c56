package main

import "sync"

type Counter struct {
	mu   *sync.RWMutex
	cond *sync.Cond
	n    uint64
	done uint64
}

func (c *Counter) add(k uint64) {
	c.mu.Lock()
	c.n += k
	c.done++
	c.mu.Unlock()
	c.cond.Signal()
}

func (c *Counter) get() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.n
}

// sync.RWMutex as a mutex: writers under Lock, readers under RLock, a join via a Cond.
func Run() (uint64, uint64) {
	mu := new(sync.RWMutex)
	c := &Counter{mu: mu, cond: sync.NewCond(mu)}
	for i := uint64(1); i <= 3; i++ {
		go c.add(i)
	}
	c.mu.Lock()
	for c.done < 3 {
		c.cond.Wait()
	}
	c.mu.Unlock()
	return c.get(), c.done
}
