// Package bytesfreshreuseafterwrite is a verifier test: disk.Write copies the block, so the same local may be
// changed and written again to another address.
//
// EXPECT verified
package bytesfreshreuseafterwrite

import "armada/goose/machine/disk"

//@ disk_size 3

//@ requires lease(disk.D[1]) && lease(disk.D[2])
//@ ensures lease(disk.D[1]) && lease(disk.D[2]) && disk.D[1][0] == 1 && disk.D[2][0] == 2
func twice() {
	blk := make([]byte, disk.BlockSize)
	blk[0] = 1
	disk.Write(1, blk)
	blk[0] = 2
	disk.Write(2, blk)
}
