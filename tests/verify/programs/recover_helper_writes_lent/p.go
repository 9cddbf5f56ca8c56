// Package recoverhelperwriteslent is a verifier test (soundness): recovery lends disk block
// 0 to a helper that writes it, and reads the block before and after the call. Nothing else
// runs, but the helper did: the reads may differ (the explorer panics). An alone caller used
// to keep its view of everything across a call, lent locations included, and the panic was
// proved unreachable.
//
// EXPECT fail safety at line 41
package recoverhelperwriteslent

import (
	"sync"

	"armada/goose/machine/disk"
)

//@ disk_size 2
//@ spec S {
//@   op Get() uint64 { return 0 }
//@   crash { }
//@ }

// R is the handle recovery returns.
type R struct {
	mu *sync.Mutex
}

//@ requires lease(disk.D[0])
//@ ensures lease(disk.D[0])
func w() {
	b := make([]byte, disk.BlockSize)
	b[0] = 1
	disk.Write(0, b)
}

//@ recover
func Recover() *R {
	a := disk.Read(0)
	w()
	b := disk.Read(0)
	if a[0] != b[0] {
		panic("changed")
	}
	return &R{mu: new(sync.Mutex)}
}

// Get is the only op.
//
//@ implements S.Get
func (r *R) Get() uint64 {
	return 0 //@ linearize
}
