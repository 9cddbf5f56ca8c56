// Package fslog is a verifier test: an append-only log file of 8-byte records. Init makes
// the log directory and writes three records through one descriptor; recovery counts the
// whole records of every log file. The crash invariant holds after every Append.
//
// EXPECT verified
package fslog

import "armada/goose/machine/filesys"

//@ crash_inv forall n string :: filesys.Dirs["log"][n] ==> len(filesys.Files["log"][n]) % 8 == 0

//@ init
func Init() {
	filesys.Mkdir("log")
	f, ok := filesys.Create("log", "l")
	if !ok {
		return
	}
	for i := uint64(0); i < 3; i++ {
		rec := make([]byte, 8)
		rec[0] = byte(i)
		filesys.Append(f, rec)
	}
	filesys.Fsync(f)
	filesys.Close(f)
	filesys.FsyncDir("log")
}

//@ recover
//@ ensures ret % 8 == 0
func Recover() uint64 {
	names := filesys.List("log")
	if len(names) == 0 {
		return 0
	}
	f := filesys.Open("log", names[0])
	b := filesys.ReadAt(f, 0, 4096)
	filesys.Close(f)
	n := uint64(len(b))
	return n - n%8
}
