// Package soundnesslockslicenil is a verifier test: the loop fills the lock slice from 1,
// so locking address 0 would panic on a nil mutex.
//
// EXPECT fail safety at line 34
package soundnesslockslicenil

import (
	"armada/goose/machine/disk"
	"sync"
)

const N uint64 = 4

//@ disk_size N
//@ spec Reg {
//@   state val: map[uint64]disk.Block
//@   op Put(a uint64, b disk.Block) { val[a] = b }
//@   crash { }
//@ }

//@ crash_inv forall a uint64 :: a < N ==> Reg.val[a] == disk.D[a]

type Store struct {
	locks []*sync.Mutex //@ lock_inv(a) a < N ==> lease(disk.D[a])
}

//@ requires forall a uint64 :: a < N ==> lease(disk.D[a])
func build() *Store {
	locks := make([]*sync.Mutex, N)
	for i := uint64(1); i < N; i++ {
		//@ invariant forall j uint64 :: 1 <= j && j < i ==> locks[j] != nil
		locks[i] = new(sync.Mutex)
	}
	return &Store{locks: locks}
}

//@ recover
func Recover() *Store {
	return build()
}

// Size is the disk's size (it keeps the disk import used in code, as Go requires).
func Size() uint64 {
	return disk.Size()
}
