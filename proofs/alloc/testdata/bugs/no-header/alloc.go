// Package noheader is a seeded bug in alloc: Alloc stores the value but leaves the header
// saying free, so Get answers 0 for an allocated block and recovery would hand it out again.
//
// EXPECT fail crash-inv at line 116
package noheader

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

// N is the number of blocks.
const N uint64 = 2

//@ disk_size N
//@ spec Blocks {
//@   state used: map[uint64]bool
//@   state val: map[uint64]uint64
//@   op Alloc(v uint64) uint64 {
//@     choose r uint64 such that r <= N && (r < N ==> !used[r])
//@     if r < N { used[r] = true; val[r] = v }
//@     return r
//@   }
//@   op Get(a uint64) uint64 { require a < N; if !used[a] { return 0 }; return val[a] }
//@   op Free(a uint64) { require a < N; used[a] = false }
//@   crash { }
//@ }

//@ crash_inv forall a uint64 :: a < N ==> Blocks.used[a] == inUse(disk.D[a]) && (Blocks.used[a] ==> Blocks.val[a] == enc.Get64(disk.D[a], 8))

//@ explore { domain uint64 = {0, 1} }

// Alloc is the free set and the set of blocks lent out.
type Alloc struct {
	mu   *sync.Mutex //@ lock_inv free != nil && lent != nil && free != lent && (forall k uint64 :: acc(free[k])) && (forall k uint64 :: acc(lent[k])) && (forall a uint64 :: a < N && !lent[a] ==> lease(disk.D[a]) && free[a] == !inUse(disk.D[a]))
	free map[uint64]bool
	lent map[uint64]bool
}

// inUse says whether a block's header marks it used.
//
//@ pure
//@ requires len(b) >= 8
func inUse(b disk.Block) bool {
	return enc.Get64(b, 0) == 1
}

// record is a block whose header is h and whose value is v.
//
//@ ensures len(ret) == disk.BlockSize && inUse(ret) == (h == 1) && enc.Get64(ret, 8) == v
func record(h uint64, v uint64) disk.Block {
	b := make([]byte, disk.BlockSize)
	enc.Put64(b, 0, h)
	enc.Put64(b, 8, v)
	return b
}

// reserve lends a free block to the caller (N when there is none).
//
//@ ensures ret <= N && (ret < N ==> lease(disk.D[ret]) && !inUse(disk.D[ret]))
func (al *Alloc) reserve() uint64 {
	al.mu.Lock()
	found := N
	for b := uint64(0); b < N; b++ {
		//@ invariant found == N
		if al.free[b] && !al.lent[b] {
			found = b
			break
		}
	}
	if found < N {
		al.free[found] = false
		al.lent[found] = true
	}
	al.mu.Unlock()
	return found
}

// borrow lends block a to the caller once no one else holds it.
//
//@ requires a < N
//@ ensures lease(disk.D[a])
func (al *Alloc) borrow(a uint64) {
	for {
		al.mu.Lock()
		if !al.lent[a] {
			break
		}
		al.mu.Unlock()
	}
	al.lent[a] = true
	al.mu.Unlock()
}

// giveBack takes back a block the caller holds, free or not as its header says.
//
//@ requires a < N && lease(disk.D[a]) && isFree == !inUse(disk.D[a])
//@ ensures true
func (al *Alloc) giveBack(a uint64, isFree bool) {
	al.mu.Lock()
	al.free[a] = isFree
	al.lent[a] = false
	al.mu.Unlock()
}

// Alloc stores v in a free block and returns it (N when every block is used).
//
//@ implements Blocks.Alloc
func (al *Alloc) Alloc(v uint64) uint64 {
	a := al.reserve()
	if a == N {
		return N //@ linearize r = N
	}
	disk.Write(a, record(0, v)) //@ linearize r = a
	al.giveBack(a, false)
	return a
}

// Get returns the value in block a (0 when it is free).
//
//@ implements Blocks.Get
//@ requires a < N
func (al *Alloc) Get(a uint64) uint64 {
	b := disk.Read(a) //@ linearize
	if !inUse(b) {
		return 0
	}
	return enc.Get64(b, 8)
}

// Free makes block a free.
//
//@ implements Blocks.Free
//@ requires a < N
func (al *Alloc) Free(a uint64) {
	al.borrow(a)
	disk.Write(a, record(0, 0)) //@ linearize
	al.giveBack(a, true)
}

// Recover rebuilds the free set from the headers.
//
//@ recover
func Recover() *Alloc {
	free := make(map[uint64]bool)
	for a := uint64(0); a < N; a++ {
		//@ invariant forall x uint64 :: x < N ==> (x < a ==> free[x] == !inUse(disk.D[x])) && (x >= a ==> !free[x])
		if !inUse(disk.Read(a)) {
			free[a] = true
		}
	}
	return &Alloc{mu: new(sync.Mutex), free: free, lent: make(map[uint64]bool)}
}

// New sets up a fresh allocator over zeroed disks: every header says free.
//
//@ init
func New() *Alloc {
	free := make(map[uint64]bool)
	for a := uint64(0); a < N; a++ {
		//@ invariant forall x uint64 :: x < N ==> (x < a ==> free[x]) && (x >= a ==> !free[x])
		free[a] = true
	}
	return &Alloc{mu: new(sync.Mutex), free: free, lent: make(map[uint64]bool)}
}
