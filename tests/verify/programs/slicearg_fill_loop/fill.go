// Package sliceargfillloop is a verifier test: fill sets every byte of the slice its caller
// lends it in a loop, and says so with a quantified postcondition; Set fills the block's
// last 8 bytes (blk[disk.BlockSize-8:]) with one byte and the spec keeps that byte, read back from the
// block's last byte.
//
// EXPECT verified
package sliceargfillloop

import (
	"sync"

	"armada/goose/machine/disk"
)

//@ disk_size 1
//@ spec S {
//@   state v: byte
//@   op Set(x byte) { v = x }
//@   op Get() byte { return v }
//@   crash { }
//@ }

//@ crash_inv S.v == disk.D[0][disk.BlockSize-1]

//@ explore {
//@   goroutines 1; ops 2; crashes 1
//@ }

type F struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ ensures len(b) == old(len(b))
//@ ensures forall i uint64 :: i < uint64(len(b)) ==> b[i] == v
func fill(b []byte, v byte) {
	for i := uint64(0); i < uint64(len(b)); i++ {
		//@ invariant i <= uint64(len(b)) && len(b) == old(len(b))
		//@ invariant forall j uint64 :: j < i ==> b[j] == v
		b[i] = v
	}
}

//@ implements S.Set
func (f *F) Set(x byte) {
	f.mu.Lock()
	blk := disk.Read(0)
	fill(blk[disk.BlockSize-8:], x)
	disk.Write(0, blk) //@ linearize
	f.mu.Unlock()
}

//@ implements S.Get
func (f *F) Get() byte {
	f.mu.Lock()
	blk := disk.Read(0) //@ linearize
	f.mu.Unlock()
	return blk[disk.BlockSize-1]
}

//@ recover
func Open() *F {
	return &F{mu: new(sync.Mutex)}
}
