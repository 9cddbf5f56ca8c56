// Package recoverhelpergoreadsown is recover_helper_go_reads reading block 1, whose lease
// recovery keeps: the goroutine its helper started cannot write it, so both reads agree.
//
// EXPECT verified
package recoverhelpergoreadsown

import (
	"sync"

	"armada/goose/machine/disk"
)

//@ disk_size 2
//@ spec S {
//@   op Get() uint64 { return 0 }
//@   crash { }
//@ }

type R struct {
	mu *sync.Mutex
}

//@ requires lease(disk.D[0])
func writer() {
	b := make([]byte, disk.BlockSize)
	b[0] = 1
	disk.Write(0, b)
}

// start hands the block's lease to a writer goroutine.
//
//@ requires lease(disk.D[0])
func start() {
	go writer()
}

//@ recover
func Recover() *R {
	a := disk.Read(1)
	start()
	b := disk.Read(1)
	if a[0] != b[0] {
		panic("changed")
	}
	return &R{mu: new(sync.Mutex)}
}

//@ implements S.Get
func (r *R) Get() uint64 {
	return 0 //@ linearize
}
