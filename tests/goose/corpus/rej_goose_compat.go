package corpus

import (
	"github.com/goose-lang/goose/machine"
	"github.com/goose-lang/goose/machine/disk"
	"github.com/goose-lang/std" // ERROR goose/import
)

type Holder struct {
	d disk.Disk
}

func getHolder() *Holder {
	return &Holder{d: disk.Get()}
}

func Bad(b []byte) uint32 {
	machine.Linearize() // part of the model (a no-op), as are UInt32Get/Put and Sleep
	machine.WaitForAllThreads() // ERROR not of Armada's machine model
	machine.Assume(len(b) > 4)  // ERROR not of Armada's machine model
	return machine.UInt32Get(b)
}

func BadDisk(d disk.Disk, b []byte) {
	d.ReadTo(0, b)         // ERROR not of Armada's machine model
	getHolder().d.Write(0, b) // ERROR goose/handle-expression
	d.Frob()               // ERROR has no method
	var x uint64 = d       // ERROR cannot use
	_ = x
	_ = std.Sum(b) // a rejected import's uses are not reported again
}
