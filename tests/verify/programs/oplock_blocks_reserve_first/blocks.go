// Package oplockblocksreservefirst is a verifier test: seeded from oplock_blocks: Reserve
// locks block 0's lock whatever block it reserves, so the lock it says its client holds
// (locks[a]) is not the one it holds.
//
// EXPECT fail safety at line 48
package oplockblocksreservefirst

import (
	"sync"

	"armada/goose/machine/disk"
)

// N is the number of blocks.
const N uint64 = 3 //@ disk_size N

//@ spec Arr {
//@   state blocks: map[uint64]disk.Block
//@   op Reserve(a uint64) { require a < N }
//@   op Put(a uint64, b disk.Block) { require a < N && len(b) == disk.BlockSize; blocks[a] = b }
//@   op Get(a uint64) disk.Block { require a < N; return blocks[a] }
//@   op Unreserve(a uint64) { require a < N }
//@   crash { }
//@ }

//@ crash_inv forall a uint64 :: a < N ==> Arr.blocks[a] == disk.D[a]

// Blocks keeps N blocks, each under its own lock.
type Blocks struct {
	locks []*sync.Mutex //@ lock_inv(a) a < N ==> lease(disk.D[a]) && acc(Arr.blocks[a]) && Arr.blocks[a] == disk.D[a]
}

//@ requires forall a uint64 :: a < N ==> lease(disk.D[a]) && acc(Arr.blocks[a]) && Arr.blocks[a] == disk.D[a]
func newBlocks() *Blocks {
	locks := make([]*sync.Mutex, N)
	for i := uint64(0); i < N; i++ {
		//@ invariant forall j uint64 :: j < i ==> locks[j] != nil
		locks[i] = new(sync.Mutex)
	}
	return &Blocks{locks: locks}
}

//@ implements Arr.Reserve
//@ requires a < N
//@ ensures locked(s.locks[a])
func (s *Blocks) Reserve(a uint64) {
	s.locks[0].Lock() //@ linearize
}

//@ implements Arr.Put
//@ requires a < N && len(b) == disk.BlockSize && locked(s.locks[a])
//@ ensures locked(s.locks[a])
func (s *Blocks) Put(a uint64, b disk.Block) {
	disk.Write(a, b) //@ linearize
}

//@ implements Arr.Get
//@ requires a < N
func (s *Blocks) Get(a uint64) disk.Block {
	s.locks[a].Lock()
	v := disk.Read(a) //@ linearize
	s.locks[a].Unlock()
	return v
}

//@ implements Arr.Unreserve
//@ requires a < N && locked(s.locks[a])
func (s *Blocks) Unreserve(a uint64) {
	s.locks[a].Unlock() //@ linearize
}

//@ recover
func Recover() *Blocks {
	return newBlocks()
}
