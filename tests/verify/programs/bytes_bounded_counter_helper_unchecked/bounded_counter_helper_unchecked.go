// Package bytesboundedcounterhelperunchecked is a verifier test: the increment forgets the bound, so the lock invariant
// over the decoded block breaks when the counter is at 100.
//
// EXPECT fail lock-inv at line 32
package bytesboundedcounterhelperunchecked

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

func (c *C) Inc() uint64 {
	c.mu.Lock()
	n := prims.UInt64Get(disk.Read(0))
	n = n + 1
	disk.Write(0, enc(n))
	c.mu.Unlock()
	return n
}
