// Package sliceargpastlen is a verifier test: the caller writes the last value itself and
// lends putRecord only the count field (blk[0:8]); putRecord, which asks for 8 bytes, still
// writes the last value at offset 8, past the end of the slice it was handed (enc.Put64
// panics there, although the caller's array goes on).
//
// EXPECT fail safety at line 51
package sliceargpastlen

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

//@ requires len(b) >= 8
//@ ensures len(b) == old(len(b))
//@ ensures enc.Get64(b, offCount) == n
func putRecord(b []byte, n uint64, x uint64) {
	enc.Put64(b, offCount, n)
	enc.Put64(b, offLast, x)
}

//@ implements S.Add
func (r *R) Add(x uint64) uint64 {
	r.mu.Lock()
	blk := disk.Read(0)
	n := count(blk) + 1
	enc.Put64(blk, offLast, x)
	putRecord(blk[0:8], n, x)
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
