// Package fssealedsnap is a verifier test of sealed files (filesys.Sealed): a cell holds the
// name of its current snapshot file and the file's size, under its lock. Publish writes a new
// snapshot under a fresh name of its own, closes it (so it is sealed) and swaps it in, then
// deletes the old one. Read opens the current snapshot under the lock and reads it after
// releasing it: a Publish may delete that name meanwhile, but the file's bytes stay, so the
// read gets exactly the size it saw.
//
// Seeded bug: Publish records the size of the first piece only.
//
// EXPECT fail lock-inv at line 57
package fssealedsnap

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ creator_dir "snaps"

type Cell struct {
	mu   *sync.Mutex //@ lock_inv acc(cur) && acc(size) && lease(filesys.Dirs["snaps"][cur]) && filesys.Sealed["snaps"][cur] && len(filesys.Files["snaps"][cur]) == size && size <= 4096
	cur  string
	size uint64
}

//@ init
func Init() *Cell {
	filesys.Mkdir("snaps")
	f, _ := filesys.Create("snaps", "first")
	filesys.Close(f)
	return &Cell{mu: new(sync.Mutex), cur: "first", size: 0}
}

// Publish makes data (two pieces of at most 2048 bytes) the current snapshot.
//
//@ requires len(a) <= 2048 && len(b) <= 2048
func (c *Cell) Publish(a []byte, b []byte) {
	var name string
	var f filesys.File
	for {
		name = prims.UInt64ToString(prims.RandomUint64())
		made, ok := filesys.Create("snaps", name)
		if ok {
			f = made
			break
		}
	}
	filesys.Append(f, a)
	filesys.Append(f, b)
	filesys.Close(f)
	c.mu.Lock()
	old := c.cur
	c.cur = name
	c.size = uint64(len(a))
	c.mu.Unlock()
	filesys.Delete("snaps", old)
}

// Read returns the current snapshot and its size.
//
//@ ensures uint64(len(ret0)) == ret1
func (c *Cell) Read() ([]byte, uint64) {
	c.mu.Lock()
	f := filesys.Open("snaps", c.cur)
	n := c.size
	c.mu.Unlock()
	data := filesys.ReadAt(f, 0, n)
	filesys.Close(f)
	return data, n
}
