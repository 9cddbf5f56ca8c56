// Package fsreadpastend is a verifier test: recovery decodes the last byte of a record
// without checking how many bytes ReadAt returned; a record file may still be empty (a
// crash between Create and Append), and ReadAt is short at the end of a file.
//
// EXPECT fail safety at line 38
package fsreadpastend

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ crash_inv forall n string :: filesys.Dirs["recs"][n] ==> len(filesys.Files["recs"][n]) == 0 || len(filesys.Files["recs"][n]) == 16

//@ init
func Init() {
	filesys.Mkdir("recs")
}

//@ requires len(rec) == 16
func Put(id uint64, rec []byte) {
	f, ok := filesys.Create("recs", prims.UInt64ToString(id))
	if ok {
		filesys.Append(f, rec)
		filesys.Close(f)
	}
}

//@ recover
func Recover() byte {
	names := filesys.List("recs")
	if len(names) == 0 {
		return 0
	}
	f := filesys.Open("recs", names[0])
	b := filesys.ReadAt(f, 0, 16)
	filesys.Close(f)
	return b[15]
}
