// Package accmapalloc is a verifier test: a block allocator whose free set is a map owned,
// entries and all, by its lock (`forall k K :: acc(free[k])`), and whose lock owns the lease
// of exactly the free blocks (a guard over that map). Reserve hands a block's lease to the
// caller, Free takes it back; a free block's header says it is free, on disk. Recovery
// rebuilds the set from the headers.
//
// EXPECT fail race at line 51
package accmapallocnocontents

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

// N is the number of blocks.
const N uint64 = 8

//@ disk_size N

// inUse says whether a block's header marks it reserved.
//
//@ pure
//@ requires len(b) >= 8
func inUse(b disk.Block) bool {
	return prims.UInt64Get(b) != 0
}

// Alloc is the free set.
type Alloc struct {
	mu   *sync.Mutex //@ lock_inv free != nil && (forall a uint64 :: a < N && free[a] ==> lease(disk.D[a]) && len(disk.D[a]) == disk.BlockSize && !inUse(disk.D[a]))
	free map[uint64]bool
}

// header is a block whose header is x.
//
//@ ensures len(ret) == disk.BlockSize && inUse(ret) == (x != 0)
func header(x uint64) disk.Block {
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, x)
	return b
}

//@ ensures ret1 ==> ret0 < N && lease(disk.D[ret0])
func (al *Alloc) Reserve() (uint64, bool) {
	al.mu.Lock()
	found := N
	for b := uint64(0); b < N; b++ {
		//@ invariant found == N
		if al.free[b] {
			found = b
			break
		}
	}
	if found == N {
		al.mu.Unlock()
		return 0, false
	}
	al.free[found] = false
	disk.Write(found, header(1))
	al.mu.Unlock()
	return found, true
}

//@ requires b < N && lease(disk.D[b])
//@ ensures true
func (al *Alloc) Free(b uint64) {
	disk.Write(b, header(0))
	al.mu.Lock()
	al.free[b] = true
	al.mu.Unlock()
}

//@ recover
//@ ensures ret != nil
func Recover() *Alloc {
	free := make(map[uint64]bool)
	for a := uint64(0); a < N; a++ {
		//@ invariant forall x uint64 :: x < a && free[x] ==> len(disk.D[x]) == disk.BlockSize && !inUse(disk.D[x])
		//@ invariant forall x uint64 :: x >= a ==> !free[x]
		v := disk.Read(a)
		if !inUse(v) {
			free[a] = true
		}
	}
	return &Alloc{mu: new(sync.Mutex), free: free}
}
