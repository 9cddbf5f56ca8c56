// Package fslistclean is a verifier test of List in recovery: a job marks itself started with
// a scratch file of its own in "tmp", and a crash forgets every job, so recovery must delete
// every scratch file it finds, or a job could not start again. Recovery lists "tmp" once and
// deletes each name; that no file is left needs every name to be listed, which holds in
// recovery (it runs alone). The lock owns every name of "tmp".
//
// EXPECT verified
package fslistclean

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ spec Jobs {
//@   state started: map[uint64]bool
//@   op Start(k uint64) bool { if started[k] { return false }; started[k] = true; return true }
//@   crash { started = map[uint64]bool{} }
//@ }

//@ crash_inv forall k uint64 :: Jobs.started[k] ==> filesys.Dirs["tmp"][scratch(k)]

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@   domain uint64 = {0, 1}
//@ }

// Runner serialises the jobs' starts.
type Runner struct {
	mu *sync.Mutex //@ lock_inv (forall n string :: lease(filesys.Dirs["tmp"][n])) && acc(Jobs.started) && (forall k uint64 :: Jobs.started[k] == filesys.Dirs["tmp"][scratch(k)]) && filesys.IsDir["tmp"]
}

//@ pure
func scratch(k uint64) string {
	return "job" + prims.UInt64ToString(k)
}

//@ init
func Init() *Runner {
	filesys.Mkdir("tmp")
	return &Runner{mu: new(sync.Mutex)}
}

//@ recover
func Recover() *Runner {
	filesys.Mkdir("tmp") //@ crash_step
	names := filesys.List("tmp")
	var i uint64 = 0
	for i < uint64(len(names)) {
		//@ invariant i <= len(names) && (forall j uint64 :: i <= j && j < len(names) ==> filesys.Dirs["tmp"][names[j]])
		//@ invariant forall n string :: filesys.Dirs["tmp"][n] ==> (exists j uint64 :: i <= j && j < len(names) && names[j] == n)
		filesys.Delete("tmp", names[i])
		i = i + 1
	}
	return &Runner{mu: new(sync.Mutex)}
}

// Start marks job k started; false if it already was.
//
//@ implements Jobs.Start
func (r *Runner) Start(k uint64) bool {
	r.mu.Lock()
	f, ok := filesys.Create("tmp", scratch(k)) //@ linearize
	if ok {
		filesys.Close(f)
	}
	r.mu.Unlock()
	return ok
}
