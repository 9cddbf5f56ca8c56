// Package fschunks is a verifier test: Put writes data of any length into a file of its
// own in chunks of at most filesys.MaxAppend bytes (one Append may not take more), and a
// deferred Close releases the descriptor on every path.
//
// EXPECT verified
package fschunks

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ init
func Init() {
	filesys.Mkdir("d")
}

//@ requires len(data) <= 1000000
func Put(id uint64, data []byte) bool {
	f, ok := filesys.Create("d", prims.UInt64ToString(id))
	if !ok {
		return false
	}
	defer filesys.Close(f)
	for off := uint64(0); off < uint64(len(data)); off += filesys.MaxAppend {
		//@ invariant off <= uint64(len(data)) + filesys.MaxAppend
		end := off + filesys.MaxAppend
		if end > uint64(len(data)) {
			end = uint64(len(data))
		}
		filesys.Append(f, data[off:end])
	}
	return true
}
