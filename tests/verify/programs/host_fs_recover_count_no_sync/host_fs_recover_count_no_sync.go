// Package hostfsrecovercountnosync is host_fs_recover_count with its seeded bug: recovery
// counts the records and hands the names out with no filesys.Sync(), so a Put cut short by a
// process crash (its Create not yet made durable by FsyncDir) can still vanish at a later
// power loss, after recovery counted it and after a new Put took its name as durable.
//
// EXPECT fail durability at line 58
package hostfsrecovercountnosync

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
	"sync"
)

//@ crash_model host
//@ crash_inv forall n string :: filesys.Dirs["recs"][n] ==> len(filesys.Files["recs"][n]) <= 16

type Store struct {
	mu *sync.Mutex //@ lock_inv forall n string :: lease(filesys.Dirs["recs"][n])
}

//@ init
func Init() *Store {
	filesys.Mkdir("recs")
	return &Store{mu: new(sync.Mutex)}
}

//@ requires len(rec) == 16
func (s *Store) Put(id uint64, rec []byte) bool {
	s.mu.Lock()
	f, ok := filesys.Create("recs", prims.UInt64ToString(id))
	if !ok {
		s.mu.Unlock()
		return false
	}
	filesys.Append(f, rec)
	filesys.Fsync(f)
	filesys.Close(f)
	filesys.FsyncDir("recs")
	s.mu.Unlock()
	return true
}

//@ recover
func Recover() (*Store, uint64) {
	names := filesys.List("recs")
	var n uint64
	for i := uint64(0); i < uint64(len(names)) && i < 1000; i++ {
		//@ invariant n <= i && i <= 1000
		//@ invariant forall k uint64 :: k < uint64(len(names)) ==> filesys.Dirs["recs"][names[k]]
		f := filesys.Open("recs", names[i])
		b := filesys.ReadAt(f, 0, 16)
		filesys.Close(f)
		if len(b) == 16 {
			n++
		}
	}
	return &Store{mu: new(sync.Mutex)}, n
}
