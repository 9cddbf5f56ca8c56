// Package helpingrecoveryorder is a verifier test: helping recovery order.
//
// EXPECT fail recovery-lock-inv at line 26
package helpingrecoveryorder

import (
	"sync"
	"armada/goose/machine/disk"
)

//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { val = b }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0] && (disk.D[1] != disk.D[0] ==> helping(Reg.Put(disk.D[1])))

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && lease(disk.D[1]) && disk.D[0] == disk.D[1]
}

// Recovery forgets to copy the journal.
//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}

func size() uint64 {
	return disk.Size()
}
