// Package hostfsrecovermarker is a verifier test of recovery under crash_model host with both
// filesys and disk: recovery records on the disk that it saw the file d/x. It first makes the
// file system durable (filesys.Sync): otherwise the crashed generation's Create of d/x, not yet
// made durable by FsyncDir, could vanish at a power loss that keeps the disk's marker.
//
// EXPECT verified
package hostfsrecovermarker

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
	"sync"
)

//@ crash_model host
//@ disk_size 1
//@ crash_inv prims.UInt64Get(disk.D[0]) == 1 ==> filesys.Dirs["d"]["x"]

type Store struct {
	mu *sync.Mutex //@ lock_inv forall n string :: lease(filesys.Dirs["d"][n])
}

//@ init
func Init() *Store {
	filesys.Mkdir("d")
	return &Store{mu: new(sync.Mutex)}
}

func (s *Store) Add() bool {
	s.mu.Lock()
	f, ok := filesys.Create("d", "x")
	if ok {
		filesys.Close(f)
	}
	filesys.FsyncDir("d")
	s.mu.Unlock()
	return ok
}

//@ recover
func Recover() *Store {
	disk.Barrier()
	filesys.Sync()
	names := filesys.List("d")
	if len(names) > 0 && names[0] == "x" {
		b := make([]byte, 4096)
		prims.UInt64Put(b, 1)
		disk.Write(0, b)
		disk.Barrier()
	}
	return &Store{mu: new(sync.Mutex)}
}
