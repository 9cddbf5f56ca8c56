// Package fssealedrecover is a verifier test of sealed files (filesys.Sealed) after a crash:
// a crash voids every descriptor, so recovery finds every file sealed. Recover lists the
// records of "recs", reads each one's length and keeps it in a table whose lock invariant
// says each listed record is sealed and that long. Add writes a new record under the lock
// and closes it before recording it; Size and Read answer from the table and the file.
//
// Seeded bug: Begin creates a record under the lock and writes it after releasing it; Rescan
// lists a begun record in the table as empty, though Begin may still be writing it (it is
// not sealed).
//
// EXPECT fail lock-inv at line 111
package fssealedrecover

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ crash_inv forall n string :: filesys.Dirs["recs"][n] ==> len(filesys.Files["recs"][n]) <= 4096

type Table struct {
	mu    *sync.Mutex //@ lock_inv acc(sizes) && sizes != nil && (forall k string :: acc(sizes[k])) && (forall n string :: lease(filesys.Dirs["recs"][n])) && (forall k string :: has(sizes, k) ==> filesys.Sealed["recs"][k] && uint64(len(filesys.Files["recs"][k])) == sizes[k]) && acc(begun) && begun != nil && (forall k string :: acc(begun[k])) && (forall k string :: begun[k] ==> filesys.Dirs["recs"][k])
	sizes map[string]uint64
	begun map[string]bool
}

//@ init
func Init() *Table {
	filesys.Mkdir("recs")
	return &Table{mu: new(sync.Mutex), sizes: make(map[string]uint64), begun: make(map[string]bool)}
}

//@ recover
func Recover() *Table {
	names := filesys.List("recs")
	sizes := make(map[string]uint64)
	var i uint64 = 0
	for i < uint64(len(names)) {
		//@ invariant i <= len(names) && (forall k string :: acc(sizes[k])) && (forall j uint64 :: i <= j && j < len(names) ==> filesys.Dirs["recs"][names[j]])
		//@ invariant forall k string :: has(sizes, k) ==> filesys.Sealed["recs"][k] && uint64(len(filesys.Files["recs"][k])) == sizes[k]
		f := filesys.Open("recs", names[i])
		data := filesys.ReadAt(f, 0, 4096)
		filesys.Close(f)
		sizes[names[i]] = uint64(len(data))
		i = i + 1
	}
	return &Table{mu: new(sync.Mutex), sizes: sizes, begun: make(map[string]bool)}
}

// Add stores rec as record id, unless there is one.
//
//@ requires len(rec) <= 4096
func (t *Table) Add(id uint64, rec []byte) bool {
	name := prims.UInt64ToString(id)
	t.mu.Lock()
	f, ok := filesys.Create("recs", name)
	if !ok {
		t.mu.Unlock()
		return false
	}
	filesys.Append(f, rec)
	filesys.Close(f)
	t.sizes[name] = uint64(len(rec))
	t.mu.Unlock()
	return true
}

// Read returns record name whole, and whether there is one.
//
//@ ensures ret1 ==> uint64(len(ret0)) == ret2
func (t *Table) Read(name string) ([]byte, bool, uint64) {
	t.mu.Lock()
	n, ok := t.sizes[name]
	if !ok {
		t.mu.Unlock()
		return make([]byte, 0), false, 0
	}
	f := filesys.Open("recs", name)
	t.mu.Unlock()
	data := filesys.ReadAt(f, 0, n)
	filesys.Close(f)
	return data, true, n
}

// Begin creates record id and writes rec into it, outside the lock.
//
//@ requires len(rec) <= 4096
func (t *Table) Begin(id uint64, rec []byte) {
	name := prims.UInt64ToString(id)
	t.mu.Lock()
	f, ok := filesys.Create("recs", name)
	if ok {
		t.begun[name] = true
	}
	t.mu.Unlock()
	if ok {
		filesys.Append(f, rec)
		filesys.Close(f)
	}
}

// Rescan lists record id, if Begin made it, as an empty record.
func (t *Table) Rescan(id uint64) {
	name := prims.UInt64ToString(id)
	t.mu.Lock()
	if t.begun[name] {
		t.sizes[name] = 0 // Begin may still be writing it
	}
	t.mu.Unlock()
}
