// Package ghostfnspecop is a verifier test: the spec's op is written with a ghost function
// (a level is clamped to 100), and the code stores the clamped level in a block.
//
// EXPECT verified
package ghostfnspecop

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
	if v > 100 {
		v = 100
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
