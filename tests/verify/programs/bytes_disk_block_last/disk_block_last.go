// Package bytesdiskblocklast is a verifier test: a block read from the disk has disk.BlockSize bytes, so
// its last byte is readable and is the disk's.
//
// EXPECT verified
package bytesdiskblocklast

import "armada/goose/machine/disk"

//@ disk_size 1

//@ requires lease(disk.D[0])
//@ ensures lease(disk.D[0]) && ret == disk.D[0][4095]
func last() byte {
	blk := disk.Read(0)
	return blk[disk.BlockSize-1]
}
