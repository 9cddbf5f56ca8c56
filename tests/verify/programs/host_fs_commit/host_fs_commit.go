// Package hostfscommit is a verifier test of filesys under crash_model host outside init: a
// commit marker. Put writes record data/<id>, makes its bytes and its name durable (Fsync,
// FsyncDir), and only then creates the marker done/<id>; a power loss never leaves a marker
// without its whole record. The lock owns every name of both directories.
//
// EXPECT verified
package hostfscommit

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
	filesys.FsyncDir("data")
	m, ok2 := filesys.Create("done", name)
	if ok2 {
		filesys.Close(m)
	}
	filesys.FsyncDir("done")
	s.mu.Unlock()
	return ok2
}
