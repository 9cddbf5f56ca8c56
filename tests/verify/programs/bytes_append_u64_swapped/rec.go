// Package bytesappendu64swapped is a verifier test: a record built by appending, a uint64 as
// its eight bytes byte(x), byte(x>>8), ..., then a tag byte; the decoder reads the uint64
// back. Bytes 1 and 2 are swapped, so the record does not decode to x.
//
// EXPECT fail postcondition at line 43
package bytesappendu64swapped

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1
//@ spec S {
//@   state x: uint64
//@   op Put(v uint64) { x = v }
//@   op Get() uint64 { return x }
//@   crash { }
//@ }

//@ crash_inv S.x == prims.UInt64Get(disk.D[0])

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@   domain uint64 = {0, 258}
//@ }

type R struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

// encode is x's eight little-endian bytes, then a tag, padded to a block.
//
//@ ensures len(ret) == disk.BlockSize && prims.UInt64Get(ret) == x
func encode(x uint64) []byte {
	b := make([]byte, 0)
	b = append(b, byte(x), byte(x>>16), byte(x>>8), byte(x>>24))
	b = append(b, byte(x>>32), byte(x>>40), byte(x>>48), byte(x>>56))
	b = append(b, 0x7e)
	b = append(b, make([]byte, disk.BlockSize-9)...)
	return b
}

//@ implements S.Put
func (r *R) Put(v uint64) {
	r.mu.Lock()
	disk.Write(0, encode(v)) //@ linearize
	r.mu.Unlock()
}

//@ implements S.Get
func (r *R) Get() uint64 {
	r.mu.Lock()
	b := disk.Read(0) //@ linearize
	r.mu.Unlock()
	return prims.UInt64Get(b)
}

//@ recover
func Open() *R {
	return &R{mu: new(sync.Mutex)}
}
