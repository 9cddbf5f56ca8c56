// Package hostrecoveryhelper is host_recovery_helper_first made correct: recovery issues
// disk.Barrier() first, so block 0's value is durable before the helper writes the mark.
//
// EXPECT verified
package hostrecoveryhelper

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ crash_model host
//@ disk_size 2
//@ crash_inv prims.UInt64Get(disk.D[1]) == 1 ==> prims.UInt64Get(disk.D[0]) == 1

//@ requires lease(disk.D[0]) && lease(disk.D[1]) && prims.UInt64Get(disk.D[0]) == 1
//@ ensures lease(disk.D[0]) && lease(disk.D[1])
func mark() {
	b := make([]byte, 4096)
	prims.UInt64Put(b, 1)
	disk.Write(1, b)
	disk.Barrier()
}

//@ recover
func Recover() {
	disk.Barrier()
	v := disk.Read(0)
	if prims.UInt64Get(v) == 1 {
		mark()
	}
	disk.Barrier()
}
