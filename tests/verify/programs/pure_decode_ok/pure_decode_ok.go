// Package puredecodeok is a verifier test: pure functions name what the bytes of a block
// mean (a count at bytes 8..15, twice it), in the crash invariant and in a contract.
//
// EXPECT verified
package puredecodeok

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
	"sync"
)

const Hdr uint64 = 0

// count is the count field of a header block.
//
//@ pure
//@ requires len(b) >= 16
func count(b []byte) uint64 {
	return prims.UInt64Get(b[8:16])
}

//@ pure
//@ requires len(b) >= 16
func twice(b []byte) uint64 {
	return count(b) * 2
}

//@ disk_size 1
//@ spec S {
//@   state n: uint64
//@   op Set(x uint64) { n = x }
//@   op Get() uint64 { return n }
//@   crash { }
//@ }

//@ crash_inv S.n == count(disk.D[Hdr])

type T struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[Hdr])
}

//@ implements S.Set
func (t *T) Set(x uint64) {
	t.mu.Lock()
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b[8:], x)
	disk.Write(Hdr, b) //@ linearize
	t.mu.Unlock()
}

//@ implements S.Get
func (t *T) Get() uint64 {
	t.mu.Lock()
	b := disk.Read(Hdr) //@ linearize
	t.mu.Unlock()
	return count(b)
}

//@ requires len(b) >= 16
//@ ensures ret == twice(b)
func dbl(b []byte) uint64 {
	return count(b) + count(b)
}

//@ recover
func Open() *T {
	return &T{mu: new(sync.Mutex)}
}
