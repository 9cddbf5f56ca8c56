// Package alonehelperstable is a verifier test the explorer checks too: stable reads disk
// block 0 twice and panics if the reads differ. It holds no lease on the block, so called
// from an op another thread could write between the reads; but only recovery calls it, and
// recovery runs alone: stable is verified running alone too (facts.alone_helpers).
//
// EXPECT verified
package alonehelperstable

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

func stable() {
	a := disk.Read(0)
	b := disk.Read(0)
	if a[0] != b[0] {
		panic("changed")
	}
}

//@ recover
func Recover() *R {
	stable()
	return &R{mu: new(sync.Mutex)}
}

// Get is the only op.
//
//@ implements S.Get
func (r *R) Get() uint64 {
	return 0 //@ linearize
}
