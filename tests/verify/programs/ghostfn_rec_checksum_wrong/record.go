// Package ghostfnrecchecksumwrong is a verifier test: Put stores 3x as the checksum of four
// payload bytes x, which the recursive ghost function says is 4x: the crash invariant fails
// where the record is written.
//
// EXPECT fail crash-inv at line 51
package ghostfnrecchecksumwrong

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ ghost func sum(b []byte, n uint64) uint64 {
//@   decreases n
//@   return n == 0 ? 0 : sum(b, n-1) + uint64(b[n-1])
//@ }

//@ predicate wellFormed(b []byte) { prims.UInt64Get(b[8:16]) == sum(b, 4) }

//@ disk_size 1
//@ spec S {
//@   state v: uint64
//@   op Put(x uint64) { require x < 256; v = x }
//@   op Get() uint64 { return v }
//@   crash { }
//@ }

//@ crash_inv wellFormed(disk.D[0]) && S.v == uint64(disk.D[0][0])

//@ explore {
//@   goroutines 2; ops 2; crashes 1
//@   domain uint64 = {0, 7, 255}
//@ }

type R struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ requires x < 256
//@ implements S.Put
func (r *R) Put(x uint64) {
	b := make([]byte, disk.BlockSize)
	b[0] = byte(x)
	b[1] = byte(x)
	b[2] = byte(x)
	b[3] = byte(x)
	prims.UInt64Put(b[8:], 3*x)
	r.mu.Lock()
	disk.Write(0, b) //@ linearize
	r.mu.Unlock()
}

//@ implements S.Get
func (r *R) Get() uint64 {
	r.mu.Lock()
	b := disk.Read(0) //@ linearize
	r.mu.Unlock()
	return uint64(b[0])
}

//@ recover
func Open() *R {
	return &R{mu: new(sync.Mutex)}
}
