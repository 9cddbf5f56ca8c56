// Package lbleaseboxforgets is lblease_box with a seeded bug: Take deletes the message but
// keeps its name among those seen, so the lower bound the lock hands on (every seen name
// is in the box) is false at Unlock.
//
// EXPECT fail lock-inv at line 60
package lbleaseboxforgets

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
	"sync"
)

//@ crash_inv forall n string :: filesys.Dirs["box"][n] ==> len(filesys.Files["box"][n]) == 0 || len(filesys.Files["box"][n]) == 8

type Box struct {
	mu   *sync.Mutex //@ lock_inv seen != nil && (forall k string :: acc(seen[k])) && lease(filesys.Dirs["box"], >= seen)
	seen map[string]bool
}

//@ init
func Init() *Box {
	filesys.Mkdir("box")
	return &Box{mu: new(sync.Mutex), seen: make(map[string]bool)}
}

// Deliver adds a message under a name of its own; it needs no lease (others only add).
//@ requires len(msg) == 8
func (b *Box) Deliver(id uint64, msg []byte) bool {
	f, ok := filesys.Create("box", prims.UInt64ToString(id))
	if !ok {
		return false
	}
	filesys.Append(f, msg)
	filesys.Close(f)
	return true
}

// Scan remembers every name the box has: List under the lease returns only names that
// stay in the box.
func (b *Box) Scan() {
	b.mu.Lock()
	names := filesys.List("box")
	for i := uint64(0); i < uint64(len(names)); i++ {
		//@ invariant forall n string :: b.seen[n] ==> filesys.Dirs["box"][n]
		//@ invariant forall k uint64 :: k < uint64(len(names)) ==> filesys.Dirs["box"][names[k]]
		b.seen[names[i]] = true
	}
	b.mu.Unlock()
}

// Take deletes a message Scan saw.
func (b *Box) Take(name string) bool {
	b.mu.Lock()
	if !b.seen[name] {
		b.mu.Unlock()
		return false
	}
	filesys.Delete("box", name)
	b.mu.Unlock()
	return true
}
