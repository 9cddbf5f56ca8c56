// Package recoverhelperwriteslentknown is recover_helper_writes_lent where the helper says
// what it wrote (`ensures`) and recovery checks the second read against that, not the first.
//
// EXPECT verified
package recoverhelperwriteslentknown

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
//@ ensures lease(disk.D[0]) && disk.D[0][0] == 1
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
	if b[0] != 1 || len(a) != len(b) {
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
