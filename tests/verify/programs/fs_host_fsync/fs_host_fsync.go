// Package fshostfsync is a verifier test under crash_model host: init publishes a record
// file by create-temp, append, Fsync, link, FsyncDir; a power loss at any point leaves in
// "log" only whole records (the link is durable only after the file's bytes are).
//
// EXPECT verified
package fshostfsync

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
	filesys.Fsync(f)
	filesys.Close(f)
	filesys.Link("tmp", "t", "log", "l")
	filesys.FsyncDir("log")
	filesys.Delete("tmp", "t")
	filesys.FsyncDir("tmp")
}
