// Package inithelpergoreads is recover_helper_go_reads in init (soundness): init calls a
// helper that starts a goroutine writing disk block 0 and reads the block before and after
// the call, which may differ: init runs alone only until a goroutine starts, its own or a
// callee's.
//
// EXPECT fail safety at line 45
package inithelpergoreads

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

//@ init
func Init() *R {
	a := disk.Read(0)
	start()
	b := disk.Read(0)
	if a[0] != b[0] {
		panic("changed")
	}
	return &R{mu: new(sync.Mutex)}
}

//@ implements S.Get
func (r *R) Get() uint64 {
	return 0 //@ linearize
}
