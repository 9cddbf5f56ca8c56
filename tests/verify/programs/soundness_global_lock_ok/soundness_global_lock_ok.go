// Package soundnessgloballockok is a verifier test: one global lock for a whole disk of N
// blocks, with a quantified lease in its invariant and in the builder's precondition.
//
// EXPECT verified
package soundnessgloballockok

import (
	"armada/goose/machine/disk"
	"sync"
)

const N uint64 = 8

//@ disk_size N
//@ spec Reg {
//@   state val: map[uint64]disk.Block
//@   op Put(a uint64, b disk.Block) { require a < N && len(b) == disk.BlockSize; val[a] = b }
//@   crash { }
//@ }

//@ crash_inv forall a uint64 :: a < N ==> Reg.val[a] == disk.D[a]

type Store struct {
	mu *sync.Mutex //@ lock_inv forall a uint64 :: a < N ==> lease(disk.D[a])
}

//@ requires forall a uint64 :: a < N ==> lease(disk.D[a])
func build() *Store {
	return &Store{mu: new(sync.Mutex)}
}

// @ implements Reg.Put
// @ requires a < N && len(b) == disk.BlockSize
func (s *Store) Put(a uint64, b disk.Block) {
	s.mu.Lock()
	disk.Write(a, b) //@ linearize
	s.mu.Unlock()
}

//@ recover
func Recover() *Store {
	return build()
}
