// Package sliceargnestedbytes is a verifier test: a header block with a magic number at
// offset 0 and a value at offset 16. Set writes the magic itself, then lends the whole block
// to setValue, which lends the value's 8 bytes (b[16:24]) on to putLE, which writes them one
// at a time; each contract says what it wrote and setValue also that it kept the magic.
//
// EXPECT verified
package sliceargnestedbytes

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

const Magic uint64 = 0x5eed

//@ disk_size 1
//@ spec S {
//@   state v: uint64
//@   op Set(x uint64) { v = x }
//@   op Get() uint64 { return v }
//@   crash { }
//@ }

//@ crash_inv (enc.Get64(disk.D[0], 0) == Magic && S.v == enc.Get64(disk.D[0], 16)) || (enc.Get64(disk.D[0], 0) != Magic && S.v == 0)

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@ }

type H struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ requires len(b) == 8
//@ ensures enc.Get64(b, 0) == x
func putLE(b []byte, x uint64) {
	b[0] = byte(x)
	b[1] = byte(x >> 8)
	b[2] = byte(x >> 16)
	b[3] = byte(x >> 24)
	b[4] = byte(x >> 32)
	b[5] = byte(x >> 40)
	b[6] = byte(x >> 48)
	b[7] = byte(x >> 56)
}

//@ requires len(b) >= 24
//@ ensures enc.Get64(b, 16) == x && enc.Get64(b, 0) == old(enc.Get64(b, 0))
func setValue(b []byte, x uint64) {
	putLE(b[16:24], x)
}

//@ implements S.Set
func (h *H) Set(x uint64) {
	h.mu.Lock()
	blk := disk.Read(0)
	enc.Put64(blk, 0, Magic)
	setValue(blk, x)
	disk.Write(0, blk) //@ linearize
	h.mu.Unlock()
}

//@ implements S.Get
func (h *H) Get() uint64 {
	h.mu.Lock()
	blk := disk.Read(0) //@ linearize
	h.mu.Unlock()
	if enc.Get64(blk, 0) != Magic {
		return 0
	}
	return enc.Get64(blk, 16)
}

//@ recover
func Open() *H {
	return &H{mu: new(sync.Mutex)}
}
