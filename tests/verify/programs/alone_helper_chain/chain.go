// Package alonehelperchain is a verifier test the explorer checks too: init calls check,
// which calls stable (two reads of block 0 that must agree) for both blocks. Neither helper
// is called by anything but init or the other, so both run alone.
//
// EXPECT verified
package alonehelperchain

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
	return 0 //@ linearize
}
