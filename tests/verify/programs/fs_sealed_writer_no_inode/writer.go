// Package fssealedwriter is a verifier test of a descriptor kept in a struct that says which
// file it writes (filesys.InodeOf[w.f] == filesys.Inode["recs"][w.name]): Begin creates a
// record file under a fresh name, Add appends through the writer, Finish closes it, which
// seals that name's file, and Put then lists the record, with its length, in a table whose
// lock invariant says each listed record is sealed and that long.
//
// Seeded bug: the contracts do not say which file the writer's descriptor writes, so
// closing it seals nothing Finish can name.
//
// EXPECT fail postcondition at line 59
// EXPECT fail postcondition at line 67
package fssealedwriter

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ creator_dir "recs"

type Writer struct {
	f    filesys.File
	name string
	size uint64
}

type Table struct {
	mu    *sync.Mutex //@ lock_inv acc(sizes) && sizes != nil && (forall k string :: acc(sizes[k])) && (forall k string :: has(sizes, k) ==> lease(filesys.Dirs["recs"][k])) && (forall k string :: has(sizes, k) ==> filesys.Sealed["recs"][k] && uint64(len(filesys.Files["recs"][k])) == sizes[k])
	sizes map[string]uint64
}

//@ init
func Init() *Table {
	filesys.Mkdir("recs")
	return &Table{mu: new(sync.Mutex), sizes: make(map[string]uint64)}
}

//@ ensures ret != nil && acc(ret.f) && acc(ret.name) && acc(ret.size) && ret.size == 0 && filesys.Open[ret.f] && lease(filesys.Dirs["recs"][ret.name])
//@ ensures len(filesys.Files["recs"][ret.name]) == 0
func Begin() *Writer {
	for {
		name := prims.UInt64ToString(prims.RandomUint64())
		f, ok := filesys.Create("recs", name)
		if ok {
			return &Writer{f: f, name: name, size: 0}
		}
	}
}

//@ requires w != nil && acc(w.f) && acc(w.name) && acc(w.size) && filesys.Open[w.f] && lease(filesys.Dirs["recs"][w.name]) && len(rec) <= 4096
//@ requires uint64(len(filesys.Files["recs"][w.name])) == w.size
//@ ensures acc(w.f) && acc(w.name) && acc(w.size) && filesys.Open[w.f] && lease(filesys.Dirs["recs"][w.name])
//@ ensures uint64(len(filesys.Files["recs"][w.name])) == w.size
func Add(w *Writer, rec []byte) {
	filesys.Append(w.f, rec)
	w.size = w.size + uint64(len(rec))
}

//@ requires w != nil && acc(w.f) && acc(w.name) && acc(w.size) && filesys.Open[w.f] && lease(filesys.Dirs["recs"][w.name])
//@ requires uint64(len(filesys.Files["recs"][w.name])) == w.size
//@ ensures acc(w.f) && acc(w.name) && acc(w.size) && lease(filesys.Dirs["recs"][w.name])
//@ ensures filesys.Sealed["recs"][w.name] && uint64(len(filesys.Files["recs"][w.name])) == w.size
func Finish(w *Writer) {
	filesys.Close(w.f)
}

// Put writes a record of a and b and lists it in the table.
//
//@ requires len(a) <= 4096 && len(b) <= 4096
func (t *Table) Put(a []byte, b []byte) {
	w := Begin()
	Add(w, a)
	Add(w, b)
	Finish(w)
	t.mu.Lock()
	t.sizes[w.name] = w.size
	t.mu.Unlock()
}
