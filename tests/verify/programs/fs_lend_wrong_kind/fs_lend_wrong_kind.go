// Package fslendwrongkind is a verifier test: recovery lends a descriptor from Open, for
// reading, to writeRec, which appends through it.
//
// EXPECT fail safety at line 50
package fslendwrongkind

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

//@ recover
func Recover() {
	names := filesys.List("recs")
	if len(names) == 0 {
		return
	}
	f := filesys.Open("recs", names[0])
	rec := make([]byte, 16)
	writeRec(f, rec)
	finish(f)
}
