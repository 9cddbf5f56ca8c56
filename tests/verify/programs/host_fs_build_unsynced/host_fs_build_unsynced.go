// Package hostfsbuildunsynced is a seeded bug under crash_model host: Start builds a Log
// around a descriptor whose last record is not yet durable. The Log's lock hands the
// descriptor to its next holder as durable, so the build is a release point: the Fsync must
// come first.
//
// EXPECT fail durability at line 46
package hostfsbuildunsynced

import (
	"armada/goose/machine/filesys"
	"sync"
)

//@ crash_model host
//@ crash_inv forall n string :: filesys.Dirs["log"][n] ==> len(filesys.Files["log"][n]) >= 8

type Log struct {
	mu *sync.Mutex //@ lock_inv filesys.Open[f]
	f  filesys.File
}

type Dirs struct {
	mu *sync.Mutex //@ lock_inv (forall n string :: lease(filesys.Dirs["log"][n])) && (forall n string :: lease(filesys.Dirs["tmp"][n]))
}

//@ init
func Init() *Dirs {
	filesys.Mkdir("log")
	filesys.Mkdir("tmp")
	return &Dirs{mu: new(sync.Mutex)}
}

//@ requires len(hdr) == 8
func (d *Dirs) Start(hdr []byte) *Log {
	d.mu.Lock()
	f, ok := filesys.Create("tmp", "x")
	if !ok {
		d.mu.Unlock()
		return nil
	}
	filesys.Append(f, hdr)
	filesys.Fsync(f)
	filesys.FsyncDir("tmp")
	d.mu.Unlock()
	filesys.Append(f, hdr)
	return &Log{mu: new(sync.Mutex), f: f}
}
