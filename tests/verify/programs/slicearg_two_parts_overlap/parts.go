// Package sliceargtwopartsoverlap is a verifier test: a record keeps a value at offset 0 and a
// backup of the previous value at offset 8. Set lends two parts of its block to one call,
// save(blk[4:12], blk[0:8]), which copies the second into the first: the parts overlap, and
// save assumes nothing else views what it writes (the backup lands at the wrong offset).
//
// EXPECT fail precondition at line 46
// EXPECT fail crash-inv at line 48
package sliceargtwopartsoverlap

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

//@ disk_size 1
//@ spec S {
//@   state cur: uint64
//@   state prev: uint64
//@   op Set(x uint64) { prev = cur; cur = x }
//@   op Prev() uint64 { return prev }
//@   crash { }
//@ }

//@ crash_inv S.cur == enc.Get64(disk.D[0], 0) && S.prev == enc.Get64(disk.D[0], 8)

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@ }

type R struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ requires len(dst) == 8 && len(src) == 8
//@ ensures enc.Get64(dst, 0) == enc.Get64(src, 0)
func save(dst []byte, src []byte) {
	enc.Put64(dst, 0, enc.Get64(src, 0))
}

//@ implements S.Set
func (r *R) Set(x uint64) {
	r.mu.Lock()
	blk := disk.Read(0)
	save(blk[4:12], blk[0:8])
	enc.Put64(blk, 0, x)
	disk.Write(0, blk) //@ linearize
	r.mu.Unlock()
}

//@ implements S.Prev
func (r *R) Prev() uint64 {
	r.mu.Lock()
	blk := disk.Read(0) //@ linearize
	r.mu.Unlock()
	return enc.Get64(blk, 8)
}

//@ recover
func Open() *R {
	return &R{mu: new(sync.Mutex)}
}
