// Package bytesflaggedrecord is a verifier test: a record with a valid flag (byte 8) and a value (bytes
// 16..23) in one block, after a length field (bytes 0..7); a zeroed disk has no record.
//
// EXPECT verified
package bytesflaggedrecord

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1
//@ spec Rec {
//@   state set: bool
//@   state v: uint64
//@   op Put(x uint64) { set = true; v = x }
//@   op Get() uint64 { if set { return v }; return 0 }
//@   crash { }
//@ }

//@ crash_inv (Rec.set == (disk.D[0][8] == 1)) && (Rec.set ==> Rec.v == prims.UInt64Get(disk.D[0][16:24]))

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@ }

type R struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements Rec.Put
func (r *R) Put(x uint64) {
	r.mu.Lock()
	blk := make([]byte, disk.BlockSize)
	prims.UInt64Put(blk, 24)
	blk[8] = 1
	prims.UInt64Put(blk[16:], x)
	disk.Write(0, blk) //@ linearize
	r.mu.Unlock()
}

//@ implements Rec.Get
func (r *R) Get() uint64 {
	r.mu.Lock()
	blk := disk.Read(0) //@ linearize
	r.mu.Unlock()
	if blk[8] != 1 {
		return 0
	}
	return prims.UInt64Get(blk[16:])
}

//@ recover
func Open() *R {
	return &R{mu: new(sync.Mutex)}
}
