// Package soundnessdiskbounds is a verifier test: the disks have 4 blocks, and Fill
// writes one past the end; Short writes a block of one byte.
//
// EXPECT fail safety at line 31
// EXPECT fail safety at line 39
package soundnessdiskbounds

import (
	"armada/goose/machine/disk"
)

const N uint64 = 4

//@ disk_size N
//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   crash { }
//@ }

//@ crash_inv true

//@ recover
func Recover() {
}

//@ init
func Fill() {
	b := make([]byte, disk.BlockSize)
	for a := uint64(0); a <= N; a++ {
		disk.Write(a, b)
	}
}

// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize
func Short(b disk.Block) {
	s := make([]byte, 1)
	disk.Write(0, s)
	//@ linearize
	disk.Write(0, b)
}
