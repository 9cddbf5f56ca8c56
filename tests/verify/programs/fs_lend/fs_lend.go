// Package fslend is a verifier test: descriptors handed over by contracts. writeRec borrows
// the caller's append descriptor and hands it back (`ensures filesys.Open[f]`); finish takes
// it for good and closes it. Put never leaks it, and record files only grow by whole records.
//
// EXPECT verified
package fslend

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
	writeRec(f, rec)
	finish(f)
	return true
}
