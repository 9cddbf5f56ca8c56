// Package hostdurabletwodisk is a verifier test of durable(...) over twodisk under
// crash_model host: a twodisk.Write is durable when it returns (the package has no barrier),
// so a block just written to either disk is durable, and so is one never written.
//
// EXPECT verified
package hostdurabletwodisk

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
	//@ assert durable(twodisk.D1[0]) && durable(twodisk.D2[0])
	twodisk.Write(twodisk.Disk2, 0, b)
	p.mu.Unlock()
}
