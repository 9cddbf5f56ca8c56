// Package fslogstalefd is a verifier test: recovery builds the new Log without a descriptor of
// this generation (as if the old generation's could still serve: a crash voided it), so its
// lock owns no open descriptor and every Add would panic.
//
// EXPECT fail lock-inv at line 37
package fslogstalefd

import (
	"armada/goose/machine/filesys"
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
	var old filesys.File // the crashed generation's descriptor is gone
	return &Log{mu: new(sync.Mutex), f: old}
}
