// Package bytesboundedcounterhelper is a verifier test: a lock invariant over a decoded block (the counter on
// disk never exceeds 100), kept by an increment that checks the bound; the new block is
// built by a helper whose contract says what it decodes to.
//
// EXPECT verified
package bytesboundedcounterhelper

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1

type C struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && len(disk.D[0]) == disk.BlockSize && prims.UInt64Get(disk.D[0]) <= 100
}

//@ ensures len(ret) == disk.BlockSize && prims.UInt64Get(ret) == n
func enc(n uint64) []byte {
	blk := make([]byte, disk.BlockSize)
	prims.UInt64Put(blk, n)
	return blk
}

//@ ensures ret <= 100
func (c *C) Inc() uint64 {
	c.mu.Lock()
	n := prims.UInt64Get(disk.Read(0))
	if n < 100 {
		n = n + 1
		disk.Write(0, enc(n))
	}
	c.mu.Unlock()
	return n
}
