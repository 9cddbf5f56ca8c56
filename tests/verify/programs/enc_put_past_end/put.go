// Package encputpastend is a verifier test: a trailer put at BlockSize-4 into a block read
// from disk; its 8 bytes run past the block's end, so the Put64 is rejected.
//
// EXPECT fail safety at line 17
package encputpastend

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

//@ disk_size 1

// stamp writes x into the trailer of block 0.
func stamp(x uint64) {
	b := disk.Read(0)
	enc.Put64(b, disk.BlockSize-4, x)
	disk.Write(0, b)
}
