// Package fsclosedfd is a verifier test: Put appends through a descriptor it already
// closed on one path.
//
// EXPECT fail safety at line 28
package fsclosedfd

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ crash_inv forall n string :: filesys.Dirs["recs"][n] ==> len(filesys.Files["recs"][n]) <= 32

//@ init
func Init() {
	filesys.Mkdir("recs")
}

//@ requires len(rec) == 16
func Put(id uint64, rec []byte, twice bool) {
	f, ok := filesys.Create("recs", prims.UInt64ToString(id))
	if !ok {
		return
	}
	filesys.Append(f, rec)
	filesys.Close(f)
	if twice {
		filesys.Append(f, rec)
	}
}
