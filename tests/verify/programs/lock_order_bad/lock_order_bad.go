// Package lockorderbad is a verifier test: lock order bad.
//
// EXPECT fail deadlock at line 25
package lockorderbad

import (
	"sync"
	"armada/goose/machine/disk"
)

//@ spec Pairs {
//@   state blocks: map[uint64]disk.Block
//@   op Swap(a uint64, b uint64) { }
//@   crash { }
//@ }

type Table struct {
	locks []*sync.Mutex //@ lock_inv(i) i < 8 ==> lease(disk.D[i])
}

// Takes the higher address first: two threads doing Both(1, 2) and Both(2, 1) deadlock.
//@ requires a < 8 && b < 8 && a != b
func (t *Table) Both(a uint64, b uint64) {
	t.locks[a].Lock()
	t.locks[b].Lock()
	t.locks[b].Unlock()
	t.locks[a].Unlock()
}

func size() uint64 {
	return disk.Size()
}
