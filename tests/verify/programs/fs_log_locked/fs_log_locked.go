// Package fsloglocked is a verifier test: an append-only log whose descriptor lives as long
// as the Log: its lock owns it (`lock_inv filesys.Open[f]`). Init and recovery each start a
// segment file of their own (an append-only file cannot be reopened for appending) and hand
// its descriptor to the Log they build; Add appends whole records under the lock.
//
// EXPECT warning progress at line 38
package fsloglocked

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
	l.mu.Lock()
	filesys.Append(l.f, rec)
	l.mu.Unlock()
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
