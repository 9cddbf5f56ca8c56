// Package fsfielddraft is a verifier test: a descriptor kept in a struct the caller owns.
// Begin creates a record file and hands it out in the writer it returns (`ensures
// filesys.Open[ret.f]`); Add borrows it in the writer and hands it back; Finish takes it for
// good and closes it. Put runs the three, and never leaks the descriptor.
//
// EXPECT verified
package fsfielddraft

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

//@ requires len(a) <= 4096 && len(b) <= 4096
func Put(a []byte, b []byte) uint64 {
	w := Begin()
	Add(w, a)
	Add(w, b)
	n := w.n
	Finish(w)
	return n
}
