// Package lockedfamilywrong is a verifier test: releasing another block's lock than the one
// held, and storing a number the block's invariant forbids before handing the lock on.
//
// EXPECT fail safety at line 40
// EXPECT fail lock-inv at line 50
package lockedfamilywrong

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

//@ requires a < N && c < N
func (t *Table) Peek(a uint64, c uint64) uint64 {
	t.acquire(a)
	v := prims.UInt64Get(disk.Read(a))
	t.release(c)
	return v
}

//@ requires a < N
func (t *Table) Set(a uint64, v uint64) {
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, v)
	t.acquire(a)
	disk.Write(a, b)
	t.release(a)
}
