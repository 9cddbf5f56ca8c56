// Package fsleaseregisterunlocked is fs_lease_register with a seeded bug: Clear deletes
// reg/cur without taking the lock that owns the name, so a Put holding the lock could see it
// vanish. reg is a directory with leases on its names: every Create, Link and Delete there
// needs the lease on its name.
//
// EXPECT fail lease at line 58
package fsleaseregisterunlocked

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

// Clear removes the register's file without the lock.
func (r *Reg) Clear() {
	filesys.Delete("reg", "cur")
}
