// Package fssealedrecovercreates is a verifier test of what recovery knows of sealed files
// once it creates one: every file there before the crash stays sealed (a crash voided every
// descriptor, and no one appends to them again), while the file it creates is sealed only
// once it closes it. Recover lists the old records, then writes a marker record, then lists
// the old ones, and the marker, in the table.
//
// EXPECT verified
package fssealedrecovercreates

import (
	"sync"

	"armada/goose/machine/filesys"
)

//@ crash_inv forall n string :: filesys.Dirs["recs"][n] ==> len(filesys.Files["recs"][n]) <= 4096

type Table struct {
	mu    *sync.Mutex //@ lock_inv acc(sizes) && sizes != nil && (forall k string :: acc(sizes[k])) && (forall n string :: lease(filesys.Dirs["recs"][n])) && (forall k string :: has(sizes, k) ==> filesys.Sealed["recs"][k] && uint64(len(filesys.Files["recs"][k])) == sizes[k])
	sizes map[string]uint64
}

//@ init
func Init() *Table {
	filesys.Mkdir("recs")
	return &Table{mu: new(sync.Mutex), sizes: make(map[string]uint64)}
}

//@ recover
func Recover() *Table {
	names := filesys.List("recs")
	// a marker of this recovery, under a name no record has
	m, ok := filesys.Create("recs", "marker")
	if ok {
		filesys.Append(m, make([]byte, 3))
		filesys.Close(m)
	}
	sizes := make(map[string]uint64)
	var i uint64 = 0
	for i < uint64(len(names)) {
		//@ invariant i <= len(names) && (forall k string :: acc(sizes[k])) && (forall j uint64 :: i <= j && j < len(names) ==> filesys.Dirs["recs"][names[j]] && filesys.Sealed["recs"][names[j]])
		//@ invariant forall k string :: has(sizes, k) ==> filesys.Sealed["recs"][k] && uint64(len(filesys.Files["recs"][k])) == sizes[k]
		f := filesys.Open("recs", names[i])
		data := filesys.ReadAt(f, 0, 4096)
		filesys.Close(f)
		sizes[names[i]] = uint64(len(data))
		i = i + 1
	}
	if ok {
		sizes["marker"] = 3
	}
	return &Table{mu: new(sync.Mutex), sizes: sizes}
}
