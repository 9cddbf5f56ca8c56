// Package alonehelperaftergo is alone_helper_stable with its seeded bug: recovery first
// starts a goroutine that writes block 0, then calls stable, which was verified running
// alone: the call fails (`alone`), and the explorer panics.
//
// EXPECT fail alone at line 43
package alonehelperaftergo

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
func writer() {
	b := make([]byte, disk.BlockSize)
	b[0] = 1
	disk.Write(0, b)
}

func stable() {
	a := disk.Read(0)
	b := disk.Read(0)
	if a[0] != b[0] {
		panic("changed")
	}
}

//@ recover
func Recover() *R {
	go writer()
	stable()
	return &R{mu: new(sync.Mutex)}
}

// Get is the only op.
//
//@ implements S.Get
func (r *R) Get() uint64 {
	return 0 //@ linearize
}
