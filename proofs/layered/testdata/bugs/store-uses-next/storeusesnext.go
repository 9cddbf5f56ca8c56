// Package storeusesnext is a seeded bug in the store layer (proofs/layered/store): a caller
// relying on what the callee's contract does not promise. Alloc hands out alloc's Next, which
// is only promised to be at most alloc.Max, as if it were a free block below it.
//
// EXPECT fail postcondition at line 68
package storeusesnext

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/proofs/layered/alloc"
)

// Size is the number of blocks: exactly the numbers the allocator hands out.
const Size uint64 = alloc.Max //@ disk_size Size

// BlockSize is the size of a block in bytes, for layers that do not import the disk.
const BlockSize uint64 = disk.BlockSize

//@ spec Store {
//@   state blocks: map[uint64]disk.Block
//@   op Write(a uint64, v disk.Block) { require a < Size && len(v) == disk.BlockSize; blocks[a] = v }
//@   op Read(a uint64) disk.Block { require a < Size; return blocks[a] }
//@   crash { }
//@ }

//@ crash_inv forall a uint64 :: a < Size ==> Store.blocks[a] == disk.D[a]

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@ }

// Store holds a lock per block (owning its lease) and the allocator.
type Store struct {
	locks []*sync.Mutex //@ lock_inv(a) a < Size ==> lease(disk.D[a])
	al    *alloc.Alloc
}

// Write stores v at block a.
//
//@ implements Store.Write
//@ requires a < Size && len(v) == disk.BlockSize
func (s *Store) Write(a uint64, v disk.Block) {
	s.locks[a].Lock()
	disk.Write(a, v) //@ linearize
	s.locks[a].Unlock()
}

// Read returns block a.
//
//@ implements Store.Read
//@ requires a < Size
func (s *Store) Read(a uint64) disk.Block {
	s.locks[a].Lock()
	v := disk.Read(a) //@ linearize
	s.locks[a].Unlock()
	return v
}

// Alloc returns a block number nobody got since recovery (or false when all are taken).
//
//@ ensures ret1 ==> ret0 < Size
func (s *Store) Alloc() (uint64, bool) {
	if s.al == nil {
		return 0, false
	}
	return s.al.Next(), true // Next may be Max
}

// Reserve marks the blocks below n as taken (for the layer above's recovery).
//
//@ requires n <= Size
//@ ensures true
func (s *Store) Reserve(n uint64) {
	if s.al != nil {
		s.al.Reserve(n)
	}
}

// Recover returns the store after a crash: every block holds a complete write, so there is
// nothing to repair on disk; the locks are new, and so is the allocator (alloc's recovery).
//
//@ recover
//@ ensures ret != nil
func Recover() *Store {
	locks := make([]*sync.Mutex, Size)
	for i := uint64(0); i < Size; i++ {
		//@ invariant forall j uint64 :: j < i ==> locks[j] != nil
		locks[i] = new(sync.Mutex)
	}
	return &Store{locks: locks, al: alloc.Recover()}
}
