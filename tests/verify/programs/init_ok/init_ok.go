// Package initok is a verifier test: init ok.
//
// EXPECT verified
package initok

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

//@ init
func Open() *Store {
	return &Store{mu: new(sync.Mutex)}
}

func size() uint64 {
	return disk.Size()
}
