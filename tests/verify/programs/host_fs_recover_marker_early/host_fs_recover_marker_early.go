// Package hostfsrecovermarkerearly is host_fs_recover_marker with its seeded bug: recovery
// writes the disk's marker for d/x before its filesys.Sync(), so a power loss right after the
// write may keep the marker and lose the crashed generation's unsynced Create of d/x.
//
// EXPECT fail recovery-crash-inv at line 47
package hostfsrecovermarkerearly

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
	names := filesys.List("d")
	if len(names) > 0 && names[0] == "x" {
		b := make([]byte, 4096)
		prims.UInt64Put(b, 1)
		disk.Write(0, b)
		disk.Barrier()
	}
	filesys.Sync()
	return &Store{mu: new(sync.Mutex)}
}
