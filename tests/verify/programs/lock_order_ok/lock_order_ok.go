// Package lockorderok is a verifier test: lock order ok.
//
// EXPECT verified
package lockorderok

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

// Takes two address locks in increasing order.
//@ requires a < b && b < 8
func (t *Table) Both(a uint64, b uint64) {
	t.locks[a].Lock()
	t.locks[b].Lock()
	t.locks[b].Unlock()
	t.locks[a].Unlock()
}

func size() uint64 {
	return disk.Size()
}
