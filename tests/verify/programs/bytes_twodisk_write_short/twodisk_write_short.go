// Package bytestwodiskwriteshort is a verifier test: twodisk.Write also needs exactly BlockSize bytes.
//
// EXPECT fail safety at line 15
package bytestwodiskwriteshort

import "armada/goose/machine/twodisk"

//@ disk_size 1

//@ requires lease(twodisk.D1[0])
//@ ensures lease(twodisk.D1[0])
func save(x byte) {
	blk := make([]byte, twodisk.BlockSize-1)
	blk[0] = x
	twodisk.Write(twodisk.Disk1, 0, blk)
}
