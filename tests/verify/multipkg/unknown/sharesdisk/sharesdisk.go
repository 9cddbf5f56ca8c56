// Package sharesdisk uses the disk and calls a package that uses it too: two crash
// invariants over one device, which is not supported: unknown.
//
// EXPECT unknown both use the machine's disk
package sharesdisk

import (
	"armada/goose/machine/disk"
	"armada/tests/verify/multipkg/unknown/diskuser"
)

//@ ensures true
func Use() uint64 {
	return diskuser.Zero() + disk.BlockSize
}
