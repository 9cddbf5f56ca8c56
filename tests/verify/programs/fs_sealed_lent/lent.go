// Package fssealedlent is a verifier test of sealed files: a descriptor lent to a callee that
// appends through it and closes it (`requires filesys.Open[f]`, the callee's body using it to
// append) seals the file it writes, which the contract names with filesys.InodeOf. The caller
// then lists the file, sealed, under its lock.
//
// EXPECT verified
package fssealedlent

import (
	"sync"

	"armada/goose/machine/filesys"
)

type Box struct {
	mu   *sync.Mutex //@ lock_inv acc(done) && lease(filesys.Dirs["d"]["x"]) && (done ==> filesys.Sealed["d"]["x"])
	done bool
}

//@ init
func Init() *Box {
	filesys.Mkdir("d")
	return &Box{mu: new(sync.Mutex), done: false}
}

//@ requires filesys.Open[f] && filesys.InodeOf[f] == filesys.Inode["d"]["x"] && lease(filesys.Dirs["d"]["x"]) && len(rec) <= 4096
//@ ensures lease(filesys.Dirs["d"]["x"]) && filesys.Sealed["d"]["x"]
func finish(f filesys.File, rec []byte) {
	filesys.Append(f, rec)
	filesys.Close(f)
}

//@ requires len(rec) <= 4096
func (b *Box) Put(rec []byte) {
	b.mu.Lock()
	if b.done {
		b.mu.Unlock()
		return
	}
	f, ok := filesys.Create("d", "x")
	if ok {
		finish(f, rec)
		b.done = true
	}
	b.mu.Unlock()
}
