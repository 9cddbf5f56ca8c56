// Package fsfieldrotate is a verifier test: the descriptor in a field is replaced. Rotate
// closes a log's file and puts a new one in the field; its caller holds the new one
// (`ensures filesys.Open[l.f]` is a new record, whatever the field held before). Pair
// hands out two logs, each with a descriptor of its own.
//
// EXPECT verified
package fsfieldrotate

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

type Log struct {
	f   filesys.File
	gen uint64
}

//@ init
func Init() {
	filesys.Mkdir("logs")
}

//@ ensures ret != nil && acc(ret.f) && acc(ret.gen) && filesys.Open[ret.f]
func newLog() *Log {
	for {
		f, ok := filesys.Create("logs", prims.UInt64ToString(prims.RandomUint64()))
		if ok {
			return &Log{f: f, gen: 0}
		}
	}
}

//@ ensures ret0 != nil && ret1 != nil && acc(ret0.f) && acc(ret0.gen) && acc(ret1.f) && acc(ret1.gen) && filesys.Open[ret0.f] && filesys.Open[ret1.f]
func Pair() (*Log, *Log) {
	a := newLog()
	b := newLog()
	return a, b
}

//@ requires l != nil && acc(l.f) && acc(l.gen) && filesys.Open[l.f]
//@ ensures acc(l.f) && acc(l.gen) && filesys.Open[l.f]
func Rotate(l *Log) {
	filesys.Fsync(l.f)
	filesys.Close(l.f)
	for {
		f, ok := filesys.Create("logs", prims.UInt64ToString(prims.RandomUint64()))
		if ok {
			l.f = f
			l.gen = l.gen + 1
			return
		}
	}
}

//@ requires l != nil && acc(l.f) && filesys.Open[l.f] && len(rec) <= 4096
//@ ensures acc(l.f) && filesys.Open[l.f]
func Add(l *Log, rec []byte) {
	filesys.Append(l.f, rec)
}

//@ requires l != nil && acc(l.f) && filesys.Open[l.f]
//@ ensures acc(l.f)
func Done(l *Log) {
	filesys.Close(l.f)
}

//@ requires len(rec) <= 4096
func Run(rec []byte) {
	a, b := Pair()
	Add(a, rec)
	Rotate(a)
	Add(a, rec)
	Add(b, rec)
	Done(b)
	Done(a)
}
