// Package fsreplace is a verifier test: atomic replace of a checkpoint. Recovery writes the
// new checkpoint into a temporary file, links it in place of the old one (deleting the old
// one first if there is one) and deletes the temporary name: at every crash point the
// checkpoint directory holds only whole checkpoints.
//
// EXPECT verified
package fsreplace

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
	linked := filesys.Link("tmp", "t", "ckpt", "c")
	if !linked { // an old checkpoint is in the way
		filesys.Delete("ckpt", "c")
		filesys.Link("tmp", "t", "ckpt", "c")
	}
	filesys.Delete("tmp", "t")
}
