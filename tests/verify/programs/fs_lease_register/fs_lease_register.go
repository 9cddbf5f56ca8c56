// Package fsleaseregister is a verifier test of leases on file-system state: a register kept
// in the file reg/cur, replaced under a lock by writing reg/tmp and linking it over cur. The
// lock owns the two names (exact leases), so what it knows of them (cur exists, tmp does
// not) survives other threads' steps, and the Delete and the second Create cannot fail.
//
// EXPECT verified
package fsleaseregister

import (
	"armada/goose/machine/filesys"
	"sync"
)

//@ crash_inv filesys.Dirs["reg"]["cur"] ==> len(filesys.Files["reg"]["cur"]) == 8

type Reg struct {
	mu *sync.Mutex //@ lock_inv lease(filesys.Dirs["reg"]["cur"]) && lease(filesys.Dirs["reg"]["tmp"]) && filesys.Dirs["reg"]["cur"] && !filesys.Dirs["reg"]["tmp"]
}

//@ init
func Init() *Reg {
	filesys.Mkdir("reg")
	f, ok := filesys.Create("reg", "tmp")
	if ok {
		filesys.Append(f, make([]byte, 8))
		filesys.Close(f)
	}
	filesys.Link("reg", "tmp", "reg", "cur")
	filesys.Delete("reg", "tmp")
	return &Reg{mu: new(sync.Mutex)}
}

//@ requires len(v) == 8
func (r *Reg) Put(v []byte) {
	r.mu.Lock()
	f, ok := filesys.Create("reg", "tmp") //@ assert ok
	if ok {
		filesys.Append(f, v)
		filesys.Close(f)
	}
	filesys.Delete("reg", "cur")
	filesys.Link("reg", "tmp", "reg", "cur")
	filesys.Delete("reg", "tmp")
	r.mu.Unlock()
}

func (r *Reg) Get() []byte {
	r.mu.Lock()
	f := filesys.Open("reg", "cur")
	b := filesys.ReadAt(f, 0, 8)
	filesys.Close(f)
	r.mu.Unlock()
	return b
}
