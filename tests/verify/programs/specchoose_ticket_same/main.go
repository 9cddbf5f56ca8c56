// Package specchooseticketsame is a verifier test of a choose whose value the code picks:
// the code hands out the last ticket again and names it as the spec's choice, which the
// choose's condition (x != last) does not allow.
//
// EXPECT fail refinement at line 39
package specchooseticketsame

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

//@ disk_size 1
//@ spec Tickets {
//@   state last: uint64
//@   op Next() uint64 { choose x uint64 such that x != last; last = x; return x }
//@   op Last() uint64 { return last }
//@   crash { }
//@ }

//@ crash_inv Tickets.last == enc.Get64(disk.D[0], 0)

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@ }

type Counter struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements Tickets.Next
func (c *Counter) Next() uint64 {
	c.mu.Lock()
	blk := disk.Read(0)
	n := enc.Get64(blk, 0)
	enc.Put64(blk, 0, n)
	disk.Write(0, blk) //@ linearize x = n
	c.mu.Unlock()
	return n
}

//@ implements Tickets.Last
func (c *Counter) Last() uint64 {
	c.mu.Lock()
	blk := disk.Read(0) //@ linearize
	c.mu.Unlock()
	return enc.Get64(blk, 0)
}

//@ recover
func Open() *Counter {
	return &Counter{mu: new(sync.Mutex)}
}
