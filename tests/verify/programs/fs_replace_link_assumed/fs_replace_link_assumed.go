// Package fsreplacelinkassumed is a verifier test: fs_replace with a Link assumed to
// succeed. An old checkpoint in the way makes it fail and stay, so the postcondition (the
// new checkpoint is in place) fails.
//
// EXPECT fail postcondition at line 32
package fsreplacelinkassumed

import "armada/goose/machine/filesys"

//@ crash_inv forall n string :: filesys.Dirs["ckpt"][n] ==> len(filesys.Files["ckpt"][n]) == 8

//@ init
func Init() {
	filesys.Mkdir("tmp")
	filesys.Mkdir("ckpt")
}

//@ recover
//@ ensures filesys.Dirs["ckpt"]["c"] && filesys.Files["ckpt"]["c"][0] == 7
func Recover() {
	f, ok := filesys.Create("tmp", "t")
	if !ok { // a crash left the temporary file behind
		filesys.Delete("tmp", "t")
		f, _ = filesys.Create("tmp", "t")
	}
	rec := make([]byte, 8)
	rec[0] = 7
	filesys.Append(f, rec)
	filesys.Close(f)
	filesys.Link("tmp", "t", "ckpt", "c") // fails, and is ignored, when an old checkpoint is there
	filesys.Delete("tmp", "t")
}
