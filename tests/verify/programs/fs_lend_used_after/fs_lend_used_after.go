// Package fslendusedafter is a verifier test: Put hands its descriptor to finish, which
// keeps (and closes) it, and then still lends it to writeRec.
//
// EXPECT fail precondition at line 38
package fslendusedafter

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ crash_inv forall n string :: filesys.Dirs["recs"][n] ==> len(filesys.Files["recs"][n]) % 16 == 0

//@ init
func Init() {
	filesys.Mkdir("recs")
}

//@ requires filesys.Open[f] && len(rec) == 16
//@ ensures filesys.Open[f]
func writeRec(f filesys.File, rec []byte) {
	filesys.Append(f, rec)
}

//@ requires filesys.Open[f]
func finish(f filesys.File) {
	filesys.Fsync(f)
	filesys.Close(f)
}

//@ requires len(rec) == 16
func Put(id uint64, rec []byte) bool {
	f, ok := filesys.Create("recs", prims.UInt64ToString(id))
	if !ok {
		return false
	}
	finish(f)
	writeRec(f, rec)
	return true
}
