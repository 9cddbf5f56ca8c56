// Package sliceargunpromised is a verifier test: Add writes the last value into its block
// itself, then lends the block to putCount, whose contract promises the count field and
// nothing else: the crash invariant at the disk write needs the last value, a byte the
// callee did not promise to keep. (putCount does keep it, so the explorer finds no
// violation: the program behaves, the proof just cannot know it.)
//
// EXPECT fail crash-inv at line 61
package sliceargunpromised

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

//@ requires len(b) >= 16
//@ ensures ret == enc.Get64(b, offCount)
func count(b []byte) uint64 {
	return enc.Get64(b, offCount)
}

//@ requires len(b) >= 16
//@ ensures len(b) == old(len(b))
//@ ensures enc.Get64(b, offCount) == n
func putCount(b []byte, n uint64) {
	enc.Put64(b, offCount, n)
}

//@ implements S.Add
func (r *R) Add(x uint64) uint64 {
	r.mu.Lock()
	blk := disk.Read(0)
	n := count(blk) + 1
	enc.Put64(blk, offLast, x)
	putCount(blk, n)
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
