// Package bytesdiskwritefull is a verifier test: a whole block, encoded and written, decodes to what was
// put in it.
//
// EXPECT verified
package bytesdiskwritefull

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 2

//@ requires lease(disk.D[1])
//@ ensures lease(disk.D[1]) && prims.UInt64Get(disk.D[1][8:]) == x && len(disk.D[1]) == disk.BlockSize
func save(x uint64) {
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b[8:], x)
	disk.Write(1, b)
}
