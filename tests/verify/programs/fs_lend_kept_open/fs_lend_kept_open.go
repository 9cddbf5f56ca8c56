// Package fslendkeptopen is a verifier test: finish takes the descriptor for good (no
// `ensures filesys.Open[f]`) but never closes it: the leak is finish's.
//
// EXPECT fail fd-leak at line 26
package fslendkeptopen

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
