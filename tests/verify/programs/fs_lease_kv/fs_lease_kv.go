// Package fsleasekv is a verifier test of a set of leases on file-system state: a store of
// one file per key, whose lock owns every name of its directory (`forall n string ::
// lease(filesys.Dirs["kv"][n])`). Put replaces a value: when Create finds the name taken,
// the lease keeps it there, so the Delete cannot panic and the second Create cannot fail.
//
// EXPECT verified
package fsleasekv

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
	"sync"
)

//@ crash_inv forall n string :: filesys.Dirs["kv"][n] ==> len(filesys.Files["kv"][n]) == 0 || len(filesys.Files["kv"][n]) == 8

type KV struct {
	mu *sync.Mutex //@ lock_inv forall n string :: lease(filesys.Dirs["kv"][n])
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
