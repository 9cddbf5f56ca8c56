// Package fslogunlocked is a verifier test: Add appends through the Log's descriptor without
// taking the lock that owns it (two Adds would interleave their appends).
//
// EXPECT fail safety at line 29
package fslogunlocked

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
	"sync"
)

//@ crash_inv forall n string :: filesys.Dirs["log"][n] ==> len(filesys.Files["log"][n]) % 8 == 0

type Log struct {
	mu *sync.Mutex //@ lock_inv filesys.Open[f]
	f  filesys.File
}

//@ init
func Init() *Log {
	filesys.Mkdir("log")
	f, _ := filesys.Create("log", "0")
	return &Log{mu: new(sync.Mutex), f: f}
}

//@ requires len(rec) == 8
func (l *Log) Add(rec []byte) {
	filesys.Append(l.f, rec)
}

//@ recover
func Recover() *Log {
	for {
		f, ok := filesys.Create("log", prims.UInt64ToString(prims.RandomUint64()))
		if ok {
			return &Log{mu: new(sync.Mutex), f: f}
		}
	}
}
