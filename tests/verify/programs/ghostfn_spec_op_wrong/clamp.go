// Package ghostfnspecopwrong is a verifier test: the code clamps at 99, the spec (a ghost
// function) at 100: the level written for x = 100 is not the spec's.
//
// EXPECT fail crash-inv at line 43
package ghostfnspecopwrong

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ ghost func clamp(x uint64) uint64 { return x > 100 ? 100 : x }

//@ disk_size 1
//@ spec S {
//@   state level: uint64
//@   op Set(x uint64) uint64 { level = clamp(x); return level }
//@   op Get() uint64 { return level }
//@   crash { }
//@ }

//@ crash_inv S.level == prims.UInt64Get(disk.D[0][0:8])

//@ explore {
//@   goroutines 2; ops 2; crashes 1
//@ }

type L struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements S.Set
func (l *L) Set(x uint64) uint64 {
	v := x
	if v > 99 {
		v = 99
	}
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, v)
	l.mu.Lock()
	disk.Write(0, b) //@ linearize
	l.mu.Unlock()
	return v
}

//@ implements S.Get
func (l *L) Get() uint64 {
	l.mu.Lock()
	b := disk.Read(0) //@ linearize
	l.mu.Unlock()
	return prims.UInt64Get(b[0:8])
}

//@ recover
func Open() *L {
	return &L{mu: new(sync.Mutex)}
}
