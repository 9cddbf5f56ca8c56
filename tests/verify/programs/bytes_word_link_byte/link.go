// Package byteswordlinkbyte is a verifier test: a uint64 read from a block nothing is known
// about (a disk read) is its eight bytes, little-endian. The link is put on the path only
// once the path reads single bytes (blocks.word_read); here the word is read first and its
// low byte after, so the link must come on then for the assertion to hold.
//
// EXPECT verified
package byteswordlinkbyte

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 2

func Check() {
	b := disk.Read(1)
	x := prims.UInt64Get(b)
	y := b[0]
	//@ assert x % 256 == uint64(y)
	_, _ = x, y
}
