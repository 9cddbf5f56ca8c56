// Package fsdirbox is a verifier test: a box keeps its directory's name in a field, and its
// lock's invariant says that directory exists. Recovery (not only init) makes the directory,
// named by an expression, then builds the box; Put takes the lock and writes a file there.
//
// EXPECT verified
package fsdirbox

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

// Box is a directory of messages guarded by one lock.
type Box struct {
	mu  *sync.Mutex //@ lock_inv filesys.IsDir[dir]
	dir string
}


//@ init
func Init() *Box {
	d := "box-" + prims.UInt64ToString(0)
	filesys.Mkdir(d)
	return &Box{mu: new(sync.Mutex), dir: d}
}

//@ recover
func Recover() *Box {
	d := "box-" + prims.UInt64ToString(prims.RandomUint64())
	filesys.Mkdir(d)
	return &Box{mu: new(sync.Mutex), dir: d}
}

// Put writes data as a new file of the box (nothing if the name is taken).
//
//@ requires len(data) <= filesys.MaxAppend
func (b *Box) Put(data []byte) {
	b.mu.Lock()
	f, ok := filesys.Create(b.dir, "m")
	if ok {
		filesys.Append(f, data)
		filesys.Close(f)
	}
	b.mu.Unlock()
}
