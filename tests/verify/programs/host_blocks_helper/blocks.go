// Package hostblockshelper is a verifier test: Put leaves the write to a helper that returns
// before any barrier.
//
// EXPECT fail durability at line 54
package hostblockshelper

import (
	"armada/goose/machine/disk"
	"sync"
)

const N uint64 = 4 //@ disk_size N

//@ crash_model host
//@ spec Arr {
//@   state blocks: map[uint64]disk.Block
//@   op Put(a uint64, b disk.Block) { require a < N && len(b) == disk.BlockSize; blocks[a] = b }
//@   crash { }
//@ }

//@ crash_inv forall a uint64 :: a < N ==> Arr.blocks[a] == disk.D[a] || helping(Arr.Put(a, disk.D[a]))

type Blocks struct {
	locks []*sync.Mutex //@ lock_inv(a) a < N ==> lease(disk.D[a])
}

//@ requires forall a uint64 :: a < N ==> lease(disk.D[a])
func newBlocks() *Blocks {
	locks := make([]*sync.Mutex, N)
	for i := uint64(0); i < N; i++ {
		//@ invariant forall j uint64 :: j < i ==> locks[j] != nil
		locks[i] = new(sync.Mutex)
	}
	return &Blocks{locks: locks}
}

//@ implements Arr.Put
//@ requires a < N && len(b) == disk.BlockSize
func (s *Blocks) Put(a uint64, b disk.Block) {
	s.locks[a].Lock()
	store(a, b) //@ helping Arr.Put(a, b)
	disk.Barrier() //@ linearize
	//@ assert durable(disk.D[a])
	s.locks[a].Unlock()
}

// store leaves its write volatile for the caller's barrier: its own return is a crash
// point the caller's check does not see.
//
//@ requires a < N && lease(disk.D[a]) && len(b) == disk.BlockSize
//@ ensures lease(disk.D[a])
func store(a uint64, b disk.Block) {
	disk.Write(a, b)
}

//@ recover
func Recover() *Blocks {
	disk.Barrier()
	for a := uint64(0); a < N; a++ {
		//@ invariant forall c uint64 :: c < a ==> Arr.blocks[c] == disk.D[c]
		v := disk.Read(a) //@ complete? Arr.Put(a, v)
		_ = v // v is named for the annotation only
	}
	return newBlocks()
}
