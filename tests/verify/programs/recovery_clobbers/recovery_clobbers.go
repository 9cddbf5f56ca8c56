// Package recoveryclobbers is a verifier test: recovery clobbers.
//
// EXPECT fail recovery-crash-inv at line 26
package recoveryclobbers

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

//@ recover
func Recover() *Store {
	b := disk.Read(1)
	disk.Write(0, b)
	return &Store{mu: new(sync.Mutex)}
}
