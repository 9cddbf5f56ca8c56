// Package fsleakearlyreturn is a verifier test: Put returns early on one path without
// closing the descriptor Create opened (the paper's Mailboat bug: an fd never closed).
//
// EXPECT fail fd-leak at line 22
package fsleakearlyreturn

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ crash_inv forall n string :: filesys.Dirs["recs"][n] ==> len(filesys.Files["recs"][n]) <= 16

//@ init
func Init() {
	filesys.Mkdir("recs")
}

// Put stores rec as the record id, unless the caller only wants the file reserved.
//@ requires len(rec) == 16
func Put(id uint64, rec []byte, reserveOnly bool) bool {
	f, ok := filesys.Create("recs", prims.UInt64ToString(id))
	if !ok {
		return false
	}
	if reserveOnly {
		return true // leaks f
	}
	filesys.Append(f, rec)
	filesys.Close(f)
	return true
}
