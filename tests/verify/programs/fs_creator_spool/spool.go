// Package fscreatorspool is a verifier test of a creator directory: delivery writes a message
// under a fresh random name in "spool" with no lock (the name is its creator's: creator_dir),
// links it into "mail" under the same name, and deletes the spool name. Only the creator may
// delete its spool name; a name in "mail" is never removed. The crash invariant says every
// mail file is complete (8 bytes): a message is linked only once written.
//
// EXPECT verified
package fscreatorspool

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
	filesys.Append(f, msg)
	filesys.Close(f)
	linked := filesys.Link("spool", name, "mail", name)
	filesys.Delete("spool", name)
	if !linked {
		return ""
	}
	return name
}
