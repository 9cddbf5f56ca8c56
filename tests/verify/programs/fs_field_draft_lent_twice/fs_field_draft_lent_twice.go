// Package fsfielddraftlenttwice is a verifier test: finishBoth borrows a writer's descriptor and
// a descriptor parameter and closes both; Put lends it the same one twice.
//
// EXPECT fail safety at line 61
package fsfielddraftlenttwice

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

type Writer struct {
	f filesys.File
	n uint64
}

//@ init
func Init() {
	filesys.Mkdir("recs")
}

//@ ensures ret != nil && acc(ret.f) && acc(ret.n) && ret.n == 0 && filesys.Open[ret.f]
func Begin() *Writer {
	for {
		f, ok := filesys.Create("recs", prims.UInt64ToString(prims.RandomUint64()))
		if ok {
			return &Writer{f: f, n: 0}
		}
	}
}

//@ requires w != nil && acc(w.f) && acc(w.n) && filesys.Open[w.f] && len(rec) <= 4096
//@ ensures acc(w.f) && acc(w.n) && filesys.Open[w.f]
func Add(w *Writer, rec []byte) {
	filesys.Append(w.f, rec)
	w.n = w.n + 1
}

//@ requires w != nil && acc(w.f) && filesys.Open[w.f]
//@ ensures acc(w.f)
func Finish(w *Writer) {
	filesys.Fsync(w.f)
	filesys.Close(w.f)
}

//@ requires w != nil && acc(w.f) && filesys.Open[w.f] && filesys.Open[f]
//@ ensures acc(w.f)
func finishBoth(w *Writer, f filesys.File) {
	filesys.Close(w.f)
	filesys.Close(f)
}

//@ requires len(a) <= 4096
func Put(a []byte) uint64 {
	f, ok := filesys.Create("recs", "x")
	if !ok {
		return 0
	}
	filesys.Append(f, a)
	w := &Writer{f: f, n: 1}
	finishBoth(w, f)
	return 1
}
