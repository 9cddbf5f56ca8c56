// Package hostfslog is a verifier test of filesys under crash_model host outside init: a
// durable append log. Start publishes a log file whose 8-byte header is durable before its
// name is (written in tmp, Fsync, Link, FsyncDir); Add then appends records through the
// descriptor the lock owns and makes them durable (Fsync) before it releases the lock. A
// power loss keeps every published log at least as long as its header, and at least as
// long as what was fsynced.
//
// EXPECT verified
package hostfslog

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
	"sync"
)

//@ crash_model host
//@ crash_inv forall n string :: filesys.Dirs["log"][n] ==> len(filesys.Files["log"][n]) >= 8

type Log struct {
	mu *sync.Mutex //@ lock_inv filesys.Open[f]
	f  filesys.File
}

type Dirs struct {
	mu *sync.Mutex //@ lock_inv (forall n string :: lease(filesys.Dirs["tmp"][n])) && (forall n string :: lease(filesys.Dirs["log"][n]))
}

//@ init
func Init() *Dirs {
	filesys.Mkdir("tmp")
	filesys.Mkdir("log")
	return &Dirs{mu: new(sync.Mutex)}
}

// Start publishes the log file log/<id> and hands on its descriptor in a Log.
//@ requires len(hdr) == 8
func (d *Dirs) Start(id uint64, hdr []byte) *Log {
	name := prims.UInt64ToString(id)
	d.mu.Lock()
	f, ok := filesys.Create("tmp", name)
	if !ok {
		d.mu.Unlock()
		return nil
	}
	filesys.Append(f, hdr)
	filesys.Fsync(f)
	filesys.Link("tmp", name, "log", name)
	filesys.FsyncDir("log")
	filesys.Delete("tmp", name)
	filesys.FsyncDir("tmp")
	d.mu.Unlock()
	return &Log{mu: new(sync.Mutex), f: f}
}

// Add appends a record and makes it durable before anyone else may append.
//@ requires len(rec) <= filesys.MaxAppend
func (l *Log) Add(rec []byte) {
	l.mu.Lock()
	filesys.Append(l.f, rec)
	filesys.Fsync(l.f)
	l.mu.Unlock()
}
