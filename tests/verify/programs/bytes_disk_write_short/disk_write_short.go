// Package bytesdiskwriteshort is a verifier test: writing an 8-byte block to the disk panics (a block is
// exactly disk.BlockSize bytes).
//
// EXPECT fail safety at line 19
package bytesdiskwriteshort

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1

//@ requires lease(disk.D[0])
//@ ensures lease(disk.D[0])
func save(x uint64) {
	b := make([]byte, 8)
	prims.UInt64Put(b, x)
	disk.Write(0, b)
}
