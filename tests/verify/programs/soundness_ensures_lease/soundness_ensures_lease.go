// Package soundnessensureslease is a verifier test: a helper may not promise a lease it
// does not hold (the caller would write block 0 with no lock).
//
// EXPECT fail postcondition at line 27
package soundnessensureslease

import (
	"armada/goose/machine/disk"
	"sync"
)

//@ disk_size 1
//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0]

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ ensures lease(disk.D[0])
func grab() {
}

// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	grab()
	disk.Write(0, b) //@ linearize
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}
