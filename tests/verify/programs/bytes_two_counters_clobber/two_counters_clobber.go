// Package bytestwocountersclobber is a verifier test: IncB decodes counter b from offset 8 but encodes it at
// offset 0, overwriting counter a; the write breaks the crash invariant.
//
// EXPECT fail crash-inv at line 48
package bytestwocountersclobber

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1
//@ spec Pair {
//@   state a: uint64
//@   state b: uint64
//@   op IncA() { a = uint64(a + 1) }
//@   op IncB() { b = uint64(b + 1) }
//@   op Sum() uint64 { return uint64(a + b) }
//@   crash { }
//@ }

//@ crash_inv Pair.a == prims.UInt64Get(disk.D[0]) && Pair.b == prims.UInt64Get(disk.D[0][8:])

//@ explore {
//@   goroutines 2; ops 2; crashes 1
//@ }

type P struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements Pair.IncA
func (p *P) IncA() {
	p.mu.Lock()
	blk := disk.Read(0)
	prims.UInt64Put(blk, prims.UInt64Get(blk)+1)
	disk.Write(0, blk) //@ linearize
	p.mu.Unlock()
}

//@ implements Pair.IncB
func (p *P) IncB() {
	p.mu.Lock()
	blk := disk.Read(0)
	prims.UInt64Put(blk, prims.UInt64Get(blk[8:])+1)
	disk.Write(0, blk) //@ linearize
	p.mu.Unlock()
}

//@ implements Pair.Sum
func (p *P) Sum() uint64 {
	p.mu.Lock()
	blk := disk.Read(0) //@ linearize
	p.mu.Unlock()
	return prims.UInt64Get(blk) + prims.UInt64Get(blk[8:])
}

//@ recover
func Open() *P {
	return &P{mu: new(sync.Mutex)}
}
