// Package fshostnofsync is a verifier test under crash_model host: init publishes a record
// file by create-temp, append, link, FsyncDir but never Fsyncs it: a power loss after the
// link may keep the name and lose the bytes.
//
// EXPECT fail crash-inv at line 26
// EXPECT fail durability at line 30
package fshostnofsync

import "armada/goose/machine/filesys"

//@ crash_model host
//@ crash_inv forall n string :: filesys.Dirs["log"][n] ==> len(filesys.Files["log"][n]) == 8

//@ init
func Init() {
	filesys.Mkdir("tmp")
	filesys.Mkdir("log")
	f, ok := filesys.Create("tmp", "t")
	if !ok {
		return
	}
	rec := make([]byte, 8)
	filesys.Append(f, rec)
	// no filesys.Fsync(f): the bytes may be lost while the link survives
	filesys.Close(f)
	filesys.Link("tmp", "t", "log", "l")
	filesys.FsyncDir("log")
	filesys.Delete("tmp", "t")
	filesys.FsyncDir("tmp")
}
