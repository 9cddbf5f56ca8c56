// Package alonehelperchainop is alone_helper_chain where an op calls stable too: stable no
// longer runs only where init runs alone, so it is verified as an ordinary helper, and
// another thread may write the block between its two reads (no lease): the panic is
// reachable as far as stable knows.
//
// EXPECT fail safety at line 31
package alonehelperchainop

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

//@ requires a < 2
func stable(a uint64) {
	x := disk.Read(a)
	y := disk.Read(a)
	if x[0] != y[0] {
		panic("changed")
	}
}

func check() {
	stable(0)
	stable(1)
}

//@ init
func Init() *R {
	check()
	return &R{mu: new(sync.Mutex)}
}

//@ recover
func Recover() *R {
	return &R{mu: new(sync.Mutex)}
}

// Get is the only op.
//
//@ implements S.Get
func (r *R) Get() uint64 {
	stable(1)
	return 0 //@ linearize
}
