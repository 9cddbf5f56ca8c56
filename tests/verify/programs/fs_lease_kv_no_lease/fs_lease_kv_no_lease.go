// Package fsleasekvnolease is fs_lease_kv with a lock that owns no lease on the names (a
// seeded bug): the kv directory is then free for all, another thread may delete the name
// between Put's Create and its Delete, and the Delete may panic; nor must the second
// Create succeed.
//
// EXPECT fail safety at line 34
// EXPECT fail assert at line 35
package fsleasekvnolease

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
	"sync"
)

//@ crash_inv forall n string :: filesys.Dirs["kv"][n] ==> len(filesys.Files["kv"][n]) == 0 || len(filesys.Files["kv"][n]) == 8

type KV struct {
	mu *sync.Mutex //@ lock_inv true
}

//@ init
func Init() *KV {
	filesys.Mkdir("kv")
	return &KV{mu: new(sync.Mutex)}
}

//@ requires len(v) == 8
func (s *KV) Put(k uint64, v []byte) {
	name := prims.UInt64ToString(k)
	s.mu.Lock()
	f, ok := filesys.Create("kv", name)
	if !ok {
		filesys.Delete("kv", name)
		f2, ok2 := filesys.Create("kv", name) //@ assert ok2
		f = f2
		ok = ok2
	}
	if ok {
		filesys.Append(f, v)
		filesys.Close(f)
	}
	s.mu.Unlock()
}

// Del removes a key if it is there.
func (s *KV) Del(k uint64) {
	name := prims.UInt64ToString(k)
	s.mu.Lock()
	f, ok := filesys.Create("kv", name)
	if ok {
		filesys.Close(f)
	}
	filesys.Delete("kv", name)
	s.mu.Unlock()
}
