// Package oplockblocks is a verifier test of ops that hand a held lock of a lock family to
// their client: a client reserves block a (Reserve returns holding locks[a]), overwrites it
// any number of times with Put on its lock, and lets it go with Unreserve; Get takes the
// block's lock itself. Each lock owns its block's lease and its key of the spec's map.
//
// EXPECT verified
package oplockblocks

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
	s.locks[a].Lock() //@ linearize
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
