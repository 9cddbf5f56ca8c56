// Package bytesrecoverformatwrong is a verifier test: recovery formats a fresh header with count 1, which
// changes the value a crash must keep.
//
// EXPECT fail recovery-crash-inv at line 53
package bytesrecoverformatwrong

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1
//@ spec S {
//@   state n: uint64
//@   op Inc() uint64 { n = uint64(n + 1); return n }
//@   crash { }
//@ }

//@ crash_inv S.n == (disk.D[0][0] == 0x42 ? prims.UInt64Get(disk.D[0][8:16]) : 0)

//@ explore {
//@   goroutines 2; ops 1; crashes 1; recovery_crashes 1
//@ }

type C struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements S.Inc
func (c *C) Inc() uint64 {
	c.mu.Lock()
	blk := disk.Read(0)
	n := uint64(0)
	if blk[0] == 0x42 {
		n = prims.UInt64Get(blk[8:])
	}
	blk[0] = 0x42
	prims.UInt64Put(blk[8:], n+1)
	disk.Write(0, blk) //@ linearize
	c.mu.Unlock()
	return n + 1
}

//@ recover
func Open() *C {
	blk := disk.Read(0)
	if blk[0] != 0x42 {
		f := make([]byte, disk.BlockSize)
		f[0] = 0x42
		prims.UInt64Put(f[8:], 1)
		disk.Write(0, f)
	}
	return &C{mu: new(sync.Mutex)}
}
