// Package leasemissing is a verifier test: lease missing.
//
// EXPECT fail lease at line 31
package leasemissing

import (
	"sync"
	"armada/goose/machine/disk"
)

//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { val = b }
//@   op Get() disk.Block { return val }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0]

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}

//@ implements Reg.Put
func (s *Store) Put(b disk.Block) {
	disk.Write(0, b) //@ linearize
}
