// Package hostdurabletwodisknot is host_durable_twodisk with its seeded bug: it asserts that
// the block just written to disk 1 is not yet durable, as it would be on a disk.Disk before a
// Barrier; a twodisk.Write is durable when it returns.
//
// EXPECT fail assert at line 33
package hostdurabletwodisknot

import (
	"sync"

	"armada/goose/machine/twodisk"
)

//@ crash_model host
//@ disk_size 4

type Pair struct {
	mu *sync.Mutex //@ lock_inv lease(twodisk.D1[0]) && lease(twodisk.D2[0])
}

//@ init
func Init() *Pair {
	return &Pair{mu: new(sync.Mutex)}
}

//@ requires len(b) == twodisk.BlockSize
//@ ensures durable(twodisk.D1[0]) && durable(twodisk.D2[0])
func (p *Pair) Put(b []byte) {
	p.mu.Lock()
	//@ assert durable(twodisk.D2[0])
	twodisk.Write(twodisk.Disk1, 0, b)
	//@ assert !durable(twodisk.D1[0])
	twodisk.Write(twodisk.Disk2, 0, b)
	p.mu.Unlock()
}
