// Package recoverhelperdeletes is a verifier test (soundness): recovery lists directory "d"
// and has a helper delete the first name, then opens that name itself. The helper runs
// alone (only recovery calls it), so it may delete without a lease, and the file is gone
// when recovery opens it (the explorer panics after Put made "d/x" and a crash). An alone
// caller used to keep its view of the file system across the call.
//
// EXPECT fail safety at line 40
package recoverhelperdeletes

import (
	"sync"

	"armada/goose/machine/filesys"
)

//@ spec S {
//@   op Put() { }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 1; ops 1; crashes 1
//@ }

// R is the handle recovery returns.
type R struct {
	mu *sync.Mutex
}

//@ requires filesys.IsDir["d"] && filesys.Dirs["d"][name]
func del(name string) {
	filesys.Delete("d", name)
}

//@ recover
func Recover() *R {
	names := filesys.List("d")
	if len(names) > 0 {
		del(names[0])
		f := filesys.Open("d", names[0])
		filesys.Close(f)
	}
	return &R{mu: new(sync.Mutex)}
}

//@ init
func Init() *R {
	filesys.Mkdir("d")
	return &R{mu: new(sync.Mutex)}
}

// Put makes the file "d/x" if it is not there.
//
//@ implements S.Put
func (r *R) Put() {
	f, ok := filesys.Create("d", "x") //@ linearize
	if ok {
		filesys.Close(f)
	}
}
