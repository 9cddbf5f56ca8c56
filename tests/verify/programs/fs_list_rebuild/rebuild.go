// Package fslistrebuild is a verifier test of List in recovery: recovery rebuilds an
// in-memory set of a directory's names from one List, and the lock invariant says the set
// is exactly the directory. That needs every name of the directory to be listed, which holds
// in recovery (it runs alone, so nothing changes the directory while it is read). Put
// creates a file per key under the lock, Has answers from the set.
//
// EXPECT verified
package fslistrebuild

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ spec Names {
//@   state has: map[uint64]bool
//@   op Put(k uint64) { has[k] = true }
//@   op Has(k uint64) bool { return has[k] }
//@   crash { }
//@ }

//@ crash_inv forall k uint64 :: Names.has[k] == filesys.Dirs["d"][fname(k)]

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@   domain uint64 = {0, 1}
//@ }

// Set is the directory's names, in memory.
type Set struct {
	mu   *sync.Mutex //@ lock_inv acc(seen) && seen != nil && (forall n string :: acc(seen[n])) && (forall n string :: lease(filesys.Dirs["d"][n])) && (forall n string :: seen[n] == filesys.Dirs["d"][n]) && acc(Names.has) && (forall k uint64 :: Names.has[k] == filesys.Dirs["d"][fname(k)]) && filesys.IsDir["d"]
	seen map[string]bool
}

//@ pure
func fname(k uint64) string {
	return "f" + prims.UInt64ToString(k)
}

//@ init
func Init() *Set {
	filesys.Mkdir("d")
	return &Set{mu: new(sync.Mutex), seen: make(map[string]bool)}
}

//@ recover
func Recover() *Set {
	filesys.Mkdir("d")
	names := filesys.List("d")
	seen := make(map[string]bool)
	var i uint64 = 0
	for i < uint64(len(names)) {
		//@ invariant i <= len(names) && (forall n string :: acc(seen[n])) && (forall n string :: seen[n] ==> filesys.Dirs["d"][n]) && (forall j uint64 :: j < i ==> seen[names[j]])
		seen[names[i]] = true
		i = i + 1
	}
	return &Set{mu: new(sync.Mutex), seen: seen}
}

//@ implements Names.Put
func (s *Set) Put(k uint64) {
	s.mu.Lock()
	n := fname(k)
	if !s.seen[n] {
		f, ok := filesys.Create("d", n) //@ linearize
		if ok {
			filesys.Close(f)
		}
		s.seen[n] = true
	} else {
		s.seen[n] = true //@ linearize
	}
	s.mu.Unlock()
}

//@ implements Names.Has
func (s *Set) Has(k uint64) bool {
	s.mu.Lock()
	r := s.seen[fname(k)] //@ linearize
	s.mu.Unlock()
	return r
}
