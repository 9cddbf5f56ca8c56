// Package recovergoreads is a verifier test: recovery starts a goroutine that writes disk
// block 0 (it hands it the block's lease) and reads the block again: other threads run from
// the go statement on, so the two reads may differ (the explorer panics). Before, recovery
// was taken to run alone to its end and the panic was proved unreachable.
//
// EXPECT fail safety at line 38
package recovergoreads

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

//@ recover
func Recover() *R {
	a := disk.Read(0)
	go writer()
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
