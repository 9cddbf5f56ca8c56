// Package encgetbytespastend is a verifier test: a name field of 16 bytes at offset 4088 of a
// block would end at 4104, past the block's 4096 bytes, so enc.GetBytes is rejected.
//
// EXPECT fail safety at line 16
package encgetbytespastend

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

//@ disk_size 1

func name() []byte {
	b := disk.Read(0)
	return enc.GetBytes(b, 4088, 16)
}
