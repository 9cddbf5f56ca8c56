// Package hostfscommitnofsyncdir is host_fs_commit with a seeded bug: no FsyncDir of data
// before the marker is created. The record's name is not durable yet, so a power loss can
// keep the marker and lose the record.
//
// EXPECT fail crash-inv at line 40
package hostfscommitnofsyncdir

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
	filesys.Fsync(d)
	filesys.Close(d)
	m, ok2 := filesys.Create("done", name)
	if ok2 {
		filesys.Close(m)
	}
	filesys.FsyncDir("done")
	filesys.FsyncDir("data")
	s.mu.Unlock()
	return ok2
}
