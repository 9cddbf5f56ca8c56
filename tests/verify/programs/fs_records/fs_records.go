// Package fsrecords is a verifier test: a directory of one file per record. Put writes a
// record into a file of its own (Create is exclusive, so concurrent Puts never share one);
// a file is empty or holds a whole record at every crash point, and recovery counts the
// whole records.
//
// EXPECT verified
package fsrecords

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
func Put(id uint64, rec []byte) bool {
	f, ok := filesys.Create("recs", prims.UInt64ToString(id))
	if !ok {
		return false
	}
	filesys.Append(f, rec)
	filesys.Close(f)
	return true
}

//@ recover
//@ ensures ret <= 1000
func Recover() uint64 {
	names := filesys.List("recs")
	var n uint64
	for i := uint64(0); i < uint64(len(names)) && i < 1000; i++ {
		//@ invariant n <= i && i <= 1000
		//@ invariant forall k uint64 :: k < uint64(len(names)) ==> filesys.Dirs["recs"][names[k]]
		f := filesys.Open("recs", names[i])
		b := filesys.ReadAt(f, 0, 16)
		filesys.Close(f)
		if len(b) == 16 {
			n++
		}
	}
	return n
}
