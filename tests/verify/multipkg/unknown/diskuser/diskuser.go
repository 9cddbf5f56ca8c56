// Package diskuser is a callee package that uses the disk.
//
// EXPECT verified
package diskuser

import "armada/goose/machine/disk"

const Blocks uint64 = 4 //@ disk_size Blocks

// Zero is the size of a block.
//
//@ ensures ret == disk.BlockSize
func Zero() uint64 {
	return disk.BlockSize
}
