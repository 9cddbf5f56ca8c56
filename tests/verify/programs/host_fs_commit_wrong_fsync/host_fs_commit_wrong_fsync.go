// Package hostfscommitwrongfsync is host_fs_commit with a seeded bug: Put fsyncs the marker
// instead of the record. The record's bytes are not durable when the marker is created, so
// a power loss can keep the marker and lose them.
//
// EXPECT fail crash-inv at line 39
package hostfscommitwrongfsync

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
	"sync"
)

//@ crash_model host
//@ crash_inv forall n string :: filesys.Dirs["done"][n] ==> filesys.Dirs["data"][n] && len(filesys.Files["data"][n]) == 8

type Store struct {
	mu *sync.Mutex //@ lock_inv (forall n string :: lease(filesys.Dirs["data"][n])) && (forall n string :: lease(filesys.Dirs["done"][n]))
}

//@ init
func Init() *Store {
	filesys.Mkdir("data")
	filesys.Mkdir("done")
	return &Store{mu: new(sync.Mutex)}
}

//@ requires len(rec) == 8
func (s *Store) Put(id uint64, rec []byte) bool {
	name := prims.UInt64ToString(id)
	s.mu.Lock()
	d, ok := filesys.Create("data", name)
	if !ok {
		s.mu.Unlock()
		return false
	}
	filesys.Append(d, rec)
	filesys.FsyncDir("data")
	m, ok2 := filesys.Create("done", name)
	if ok2 {
		filesys.Fsync(m)
		filesys.Close(m)
	}
	filesys.Fsync(d)
	filesys.Close(d)
	filesys.FsyncDir("done")
	s.mu.Unlock()
	return ok2
}
