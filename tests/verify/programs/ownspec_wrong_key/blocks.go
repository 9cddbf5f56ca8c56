// Package ownspecwrongkey is a verifier test: Put takes block 0's lock to change block a,
// so it owns neither the block nor its key of the spec's map.
//
// EXPECT fail spec-ownership at line 44
// EXPECT fail lease at line 43
package ownspecwrongkey

import (
	"armada/goose/machine/disk"
	"sync"
)

const N uint64 = 4 //@ disk_size N

//@ crash_model host
//@ spec Arr {
//@   state blocks: map[uint64]disk.Block
//@   op Put(a uint64, b disk.Block) { require a < N && len(b) == disk.BlockSize; blocks[a] = b }
//@   op Get(a uint64) disk.Block { require a < N; return blocks[a] }
//@   crash { }
//@ }

//@ crash_inv forall a uint64 :: a < N ==> Arr.blocks[a] == disk.D[a] || helping(Arr.Put(a, disk.D[a]))

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

//@ implements Arr.Put
//@ requires a < N && len(b) == disk.BlockSize
func (s *Blocks) Put(a uint64, b disk.Block) {
	s.locks[0].Lock()
	disk.Write(a, b) //@ helping Arr.Put(a, b)
	disk.Barrier()   //@ linearize
	//@ assert durable(disk.D[a])
	s.locks[0].Unlock()
}

//@ implements Arr.Get
//@ requires a < N
func (s *Blocks) Get(a uint64) disk.Block {
	s.locks[a].Lock()
	v := disk.Read(a) //@ linearize
	s.locks[a].Unlock()
	return v
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
