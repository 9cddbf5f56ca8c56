// Package fsleaseregistertmpunleased is fs_lease_register with a seeded bug: the lock owns
// the name cur but not tmp, so Put's Create of reg/tmp (a directory with leases on its
// names) is made without the lease, and another thread might hold it.
//
// EXPECT fail lease at line 35
package fsleaseregistertmpunleased

import (
	"armada/goose/machine/filesys"
	"sync"
)

//@ crash_inv filesys.Dirs["reg"]["cur"] ==> len(filesys.Files["reg"]["cur"]) == 8

type Reg struct {
	mu *sync.Mutex //@ lock_inv lease(filesys.Dirs["reg"]["cur"]) && filesys.Dirs["reg"]["cur"]
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
