// Package fscreatorspoollinkearly is a verifier test of a creator directory: Deliver links
// the spool file into mail before writing it, so a crash leaves an empty message in mail.
//
// EXPECT fail crash-inv at line 43
package fscreatorspoollinkearly

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ creator_dir "spool"

//@ crash_inv forall n string :: filesys.Dirs["mail"][n] ==> len(filesys.Files["mail"][n]) == 8

//@ init
func Init() {
	filesys.Mkdir("spool")
	filesys.Mkdir("mail")
}

//@ recover
func Recover() {
	names := filesys.List("spool")
	var i uint64 = 0
	for i < uint64(len(names)) {
		//@ invariant i <= len(names) && (forall j uint64 :: i <= j && j < len(names) ==> filesys.Dirs["spool"][names[j]])
		filesys.Delete("spool", names[i])
		i = i + 1
	}
}

// Deliver stores msg in mail under a new name and returns the name ("" when the name was
// taken meanwhile: the caller retries).
//
//@ requires len(msg) == 8
func Deliver(msg []byte) string {
	name := prims.UInt64ToString(prims.RandomUint64())
	f, ok := filesys.Create("spool", name)
	if !ok {
		return ""
	}
	linked := filesys.Link("spool", name, "mail", name)
	filesys.Append(f, msg)
	filesys.Close(f)
	filesys.Delete("spool", name)
	if !linked {
		return ""
	}
	return name
}
