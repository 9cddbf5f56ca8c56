// Package sliceargwrongoffset is a verifier test: putRecord writes the last value at the
// count's offset in its caller's block, while its contract promises it at offLast. The
// explorer sees Last return 0 after an Add.
//
// EXPECT fail postcondition at line 51
package sliceargwrongoffset

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
//@ ensures enc.Get64(b, offCount) == n && enc.Get64(b, offLast) == x
func putRecord(b []byte, n uint64, x uint64) {
	enc.Put64(b, offCount, n)
	enc.Put64(b, offCount, x)
}

//@ implements S.Add
func (r *R) Add(x uint64) uint64 {
	r.mu.Lock()
	blk := disk.Read(0)
	n := count(blk) + 1
	putRecord(blk, n, x)
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
