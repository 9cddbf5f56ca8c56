// Package bytesrangefill is a verifier test: `for i := range b { b[i] = .. }` fills a record
// made in the function (the range keeps only b's length, so b may be written in place),
// and the block written to disk holds what the crash invariant says.
//
// EXPECT verified
package bytesrangefill

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

const recLen uint64 = 64

//@ disk_size 1
//@ spec S {
//@   state v: byte
//@   op Set(x byte) { v = x }
//@   op Get() byte { return v }
//@   crash { }
//@ }

//@ crash_inv forall j uint64 :: j < recLen ==> disk.D[0][j] == S.v

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@ }

type F struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements S.Set
func (f *F) Set(x byte) {
	f.mu.Lock()
	b := make([]byte, recLen)
	for i := range b {
		//@ invariant len(b) == recLen && (forall j uint64 :: j < i ==> b[j] == x)
		b[i] = x
	}
	blk := make([]byte, disk.BlockSize)
	enc.PutBytes(blk, 0, b)
	disk.Write(0, blk) //@ linearize
	f.mu.Unlock()
}

//@ implements S.Get
func (f *F) Get() byte {
	f.mu.Lock()
	b := disk.Read(0) //@ linearize
	f.mu.Unlock()
	return b[recLen-1]
}

//@ recover
func Open() *F {
	return &F{mu: new(sync.Mutex)}
}
