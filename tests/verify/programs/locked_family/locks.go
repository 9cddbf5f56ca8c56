// Package lockedfamily is a verifier test: a lock of a family (a slice of mutexes, one per
// disk block, each owning its block's lease and a bound on the number stored there) held
// across calls.
//
// EXPECT verified
package lockedfamily

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
	"sync"
)

// N is the number of blocks; Max bounds the number in each.
const N uint64 = 8 //@ disk_size N

// Max bounds every stored number.
const Max uint64 = 100

// Table keeps one bounded number per block, each block under its own lock.
type Table struct {
	locks []*sync.Mutex //@ lock_inv(a) a < N ==> lease(disk.D[a]) && prims.UInt64Get(disk.D[a]) <= Max
}

//@ requires a < N
//@ ensures locked(t.locks[a])
func (t *Table) acquire(a uint64) {
	t.locks[a].Lock()
}

//@ requires a < N && locked(t.locks[a])
func (t *Table) release(a uint64) {
	t.locks[a].Unlock()
}

//@ requires a < N
//@ ensures ret <= Max
func (t *Table) Get(a uint64) uint64 {
	t.acquire(a)
	v := prims.UInt64Get(disk.Read(a))
	t.release(a)
	return v
}

//@ requires a < N
//@ ensures true
func (t *Table) Set(a uint64, v uint64) {
	if v > Max {
		return
	}
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, v)
	t.acquire(a)
	disk.Write(a, b)
	t.release(a)
}
