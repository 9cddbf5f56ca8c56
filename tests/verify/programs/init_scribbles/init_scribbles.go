// Package initscribbles is a verifier test: init scribbles.
//
// EXPECT fail crash-inv at line 26
package initscribbles

import (
	"sync"
	"armada/goose/machine/disk"
)

//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { val = b }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0]

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

// Init writes a block the spec does not know about.
//@ init
func Open(b disk.Block) *Store {
	disk.Write(0, b)
	return &Store{mu: new(sync.Mutex)}
}
