// Package fslogclosedunderlock is a verifier test: Add closes the Log's descriptor, which its
// lock owns open for the next Add.
//
// EXPECT fail lock-inv at line 32
package fslogclosedunderlock

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
	filesys.Close(l.f)
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
