// Package bytesdiskblockpast is a verifier test: index disk.BlockSize of a block is one past its end.
//
// EXPECT fail safety at line 14
package bytesdiskblockpast

import "armada/goose/machine/disk"

//@ disk_size 1

//@ requires lease(disk.D[0])
//@ ensures lease(disk.D[0])
func past() byte {
	blk := disk.Read(0)
	return blk[disk.BlockSize]
}
