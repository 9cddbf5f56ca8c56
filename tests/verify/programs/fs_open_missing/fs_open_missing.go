// Package fsopenmissing is a verifier test: recovery opens the log file without checking
// it exists; a crash before init created it leaves no such file, and Open panics.
//
// EXPECT fail safety at line 26
package fsopenmissing

import "armada/goose/machine/filesys"

//@ crash_inv forall n string :: filesys.Dirs["log"][n] ==> len(filesys.Files["log"][n]) % 8 == 0

//@ init
func Init() {
	filesys.Mkdir("log")
	f, ok := filesys.Create("log", "l")
	if !ok {
		return
	}
	rec := make([]byte, 8)
	filesys.Append(f, rec)
	filesys.Close(f)
}

//@ recover
//@ ensures ret % 8 == 0
func Recover() uint64 {
	f := filesys.Open("log", "l")
	b := filesys.ReadAt(f, 0, 4096)
	filesys.Close(f)
	n := uint64(len(b))
	return n - n%8
}
