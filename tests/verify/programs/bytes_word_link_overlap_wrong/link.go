// Package byteswordlinkoverlapwrong is a verifier test, the seeded twin of
// bytes_word_link_overlap: the words share bytes 4..7, which are y's low half, not its high
// half, so the assertion is false (and the links on the path must not prove it).
//
// EXPECT fail assert at line 20
package byteswordlinkoverlapwrong

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1

func Check() {
	b := disk.Read(0)
	x := prims.UInt64Get(b)
	y := prims.UInt64Get(b[4:12])
	//@ assert x / 4294967296 == y / 4294967296
	_, _ = x, y
}
