// Package hostrecoveryreaderfirst is a verifier test of recovery under crash_model host: a
// helper that only reads the disk may run before recovery's first disk.Barrier() (it has no
// crash point), and recovery writes only after the barrier.
//
// EXPECT verified
package hostrecoveryreaderfirst

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ crash_model host
//@ disk_size 2
//@ crash_inv prims.UInt64Get(disk.D[1]) == 1 ==> prims.UInt64Get(disk.D[0]) == 1

//@ requires lease(disk.D[0])
//@ ensures lease(disk.D[0]) && ret == (prims.UInt64Get(disk.D[0]) == 1)
func marked() bool {
	v := disk.Read(0)
	return prims.UInt64Get(v) == 1
}

//@ recover
func Recover() {
	m := marked()
	disk.Barrier()
	if m {
		b := make([]byte, 4096)
		prims.UInt64Put(b, 1)
		disk.Write(1, b)
		disk.Barrier()
	}
}
