// Package hostrecoveryhelperfirst is a verifier test of recovery under crash_model host: the
// crash invariant says block 1's mark implies block 0's value. Recovery reads block 0 and, if
// it is marked, calls a helper that writes the mark to block 1, before any disk.Barrier(): the
// crashed generation's write of block 0 may still be volatile, so a power loss inside the
// helper can keep the mark and lose block 0 (the helper's crash points do not know it).
//
// EXPECT fail durability at line 32
package hostrecoveryhelperfirst

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
	v := disk.Read(0)
	if prims.UInt64Get(v) == 1 {
		mark()
	}
	disk.Barrier()
}
