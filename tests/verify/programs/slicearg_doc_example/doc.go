// Package sliceargdocexample is docs/annotations.md's example of a function that writes
// into its caller's byte slice, line for line (a test compares them), in a durable register.
//
// EXPECT verified
package sliceargdocexample

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

//@ disk_size 1
//@ spec S {
//@   state count: uint64
//@   op Set(n uint64) { count = n }
//@   op Get() uint64 { return count }
//@   crash { }
//@ }

//@ crash_inv S.count == enc.Get64(disk.D[0], 0)

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@ }

type R struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ requires len(b) >= 16
//@ ensures len(b) == old(len(b))
//@ ensures enc.Get64(b, 0) == n && enc.Get64(b, 8) == old(enc.Get64(b, 8))
func putCount(b []byte, n uint64) {
	enc.Put64(b, 0, n)
}

//@ implements S.Set
func (r *R) Set(n uint64) {
	r.mu.Lock()
	blk := disk.Read(0)
	putCount(blk, n)   // or a part of it: putCount(blk[64:80], n)
	disk.Write(0, blk) //@ linearize
	r.mu.Unlock()
}

//@ implements S.Get
func (r *R) Get() uint64 {
	r.mu.Lock()
	blk := disk.Read(0) //@ linearize
	r.mu.Unlock()
	return enc.Get64(blk, 0)
}

//@ recover
func Open() *R {
	return &R{mu: new(sync.Mutex)}
}
