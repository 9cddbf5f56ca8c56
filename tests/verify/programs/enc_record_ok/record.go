// Package encrecordok is a verifier test: a durable record of two uint64 fields (a count
// at offset 0, the last value at offset 8) kept in block 0 with the enc package; the crash
// invariant decodes both fields with enc.Get64.
//
// EXPECT verified
package encrecordok

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

const (
	offCount uint64 = 0
	offLast  uint64 = 8
)

//@ disk_size 1
//@ spec S {
//@   state count: uint64
//@   state last: uint64
//@   op Add(x uint64) uint64 { count = uint64(count + 1); last = x; return count }
//@   op Last() uint64 { return last }
//@   crash { }
//@ }

//@ crash_inv S.count == enc.Get64(disk.D[0], offCount) && S.last == enc.Get64(disk.D[0], offLast)

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@ }

type R struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements S.Add
func (r *R) Add(x uint64) uint64 {
	r.mu.Lock()
	blk := disk.Read(0)
	n := enc.Get64(blk, offCount) + 1
	enc.Put64(blk, offCount, n)
	enc.Put64(blk, offLast, x)
	disk.Write(0, blk) //@ linearize
	r.mu.Unlock()
	return n
}

//@ implements S.Last
func (r *R) Last() uint64 {
	r.mu.Lock()
	blk := disk.Read(0) //@ linearize
	r.mu.Unlock()
	return enc.Get64(blk, offLast)
}

//@ recover
func Open() *R {
	return &R{mu: new(sync.Mutex)}
}
