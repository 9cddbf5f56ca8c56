package main

import "sync"

type Box struct {
	mu *sync.Mutex
	v  uint64
}

func (b *Box) Add(x uint64) uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	if x == 0 {
		return b.v
	}
	b.v += x
	return b.v
}

func Run() (uint64, uint64, uint64) {
	b := &Box{mu: new(sync.Mutex)}
	x := b.Add(3)
	y := b.Add(0)
	z := b.Add(4)
	return x, y, z
}
