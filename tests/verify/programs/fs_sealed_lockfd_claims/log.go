// Package fssealedlockfdclaims is a verifier test of sealed files: a log whose lock owns the
// descriptor it appends through (`lock_inv filesys.Open[f]`) claims its own file sealed, so
// that readers could read it without the lock. It is not: the lock's holder still appends.
// Seeded bug; the claim fails where the Log is built.
//
// EXPECT fail lock-inv at line 27
package fssealedlockfdclaims

import (
	"sync"

	"armada/goose/machine/filesys"
)

type Log struct {
	mu *sync.Mutex //@ lock_inv filesys.Open[f] && filesys.Sealed["log"]["0"]
	f  filesys.File
}

//@ init
func Init() *Log {
	filesys.Mkdir("log")
	f, ok := filesys.Create("log", "0")
	if !ok {
		return nil
	}
	return &Log{mu: new(sync.Mutex), f: f}
}

//@ requires len(rec) <= 4096
func (l *Log) Add(rec []byte) {
	l.mu.Lock()
	filesys.Append(l.f, rec)
	l.mu.Unlock()
}
