// Package lbdirjournal is a verifier test of the lower-bound lease with no names,
// lease(filesys.Dirs[d]): the lock of a journal owns the right to delete from its directory
// and a slice of the names it wrote there, and states itself that each is there (the lease
// keeps them: nobody else deletes), all different (a Create that succeeds made a new one).
// Add creates a record under the lock, Drop deletes the newest one, Get reads one. Each
// record is sealed (Add closes it before listing it) and 8 bytes long, so Get, which reads
// after releasing the lock (a Drop may delete the name meanwhile), gets all 8 or none.
//
// EXPECT verified
package lbdirjournal

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ spec J {
//@   op Add() bool { choose ok bool; return ok }
//@   op Drop() { }
//@   op Get(i uint64) uint64 { choose r uint64 such that r == 0 || r == 8; return r }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 0
//@   domain uint64 = {0, 1, 8}
//@ }

// Journal is the set of records, oldest first.
type Journal struct {
	mu    *sync.Mutex //@ lock_inv acc(names) && acc(next) && (forall i uint64 :: i < len(names) ==> acc(names[i])) && lease(filesys.Dirs["jr"]) && (forall i uint64 :: i < len(names) ==> filesys.Dirs["jr"][names[i]] && filesys.Sealed["jr"][names[i]] && len(filesys.Files["jr"][names[i]]) == 8) && (forall a uint64 :: forall b uint64 :: a < b && b < len(names) ==> names[a] != names[b])
	names []string
	next  uint64
}

//@ init
func Init() *Journal {
	filesys.Mkdir("jr")
	return &Journal{mu: new(sync.Mutex), names: make([]string, 0), next: 0}
}

// Add writes an 8-byte record under a new name.
//
//@ implements J.Add
func (j *Journal) Add() bool {
	rec := make([]byte, 8)
	j.mu.Lock()
	name := prims.UInt64ToString(j.next)
	j.next = j.next + 1
	f, ok := filesys.Create("jr", name)
	if ok {
		filesys.Append(f, rec)
		filesys.Close(f)
		j.names = append(j.names, name)
	}
	j.mu.Unlock() //@ linearize ok = ok
	return ok
}

// Drop deletes the newest record, if any.
//
//@ implements J.Drop
func (j *Journal) Drop() {
	j.mu.Lock()
	n := uint64(len(j.names))
	if n > 0 {
		filesys.Delete("jr", j.names[n-1])
		j.names = j.names[:n-1]
	}
	j.mu.Unlock() //@ linearize //@ linearize
}

// Get reads record i and returns its length (0 when there is none).
//
//@ implements J.Get
func (j *Journal) Get(i uint64) uint64 {
	j.mu.Lock()
	if i >= uint64(len(j.names)) {
		j.mu.Unlock()
		return 0 //@ linearize r = 0
	}
	f := filesys.Open("jr", j.names[i])
	j.mu.Unlock()
	data := filesys.ReadAt(f, 0, 8) //@ linearize r = uint64(len(data))
	filesys.Close(f)
	return uint64(len(data))
}
