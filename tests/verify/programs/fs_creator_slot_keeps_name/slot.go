// Package fscreatorslotkeepsname is a verifier test of a creator directory: Consume deletes
// the job's file under the lock but leaves the slot full, so the lock would keep promising a
// name that no longer exists (a Produce may create it again, and a second Consume would
// delete that other job's file).
//
// EXPECT fail lock-inv at line 64
package fscreatorslotkeepsname

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ creator_dir "jobs"

// Slot holds at most one job name.
type Slot struct {
	mu   *sync.Mutex //@ lock_inv acc(full) && acc(name) && (full ==> lease(filesys.Dirs["jobs"][name]))
	full bool
	name string
}

//@ init
func Init() *Slot {
	filesys.Mkdir("jobs")
	return &Slot{mu: new(sync.Mutex), full: false, name: ""}
}

//@ recover
func Recover() *Slot {
	return &Slot{mu: new(sync.Mutex), full: false, name: ""}
}

// Produce makes a job file and queues it; false when the slot is taken or the name was.
func (s *Slot) Produce() bool {
	n := prims.UInt64ToString(prims.RandomUint64())
	f, ok := filesys.Create("jobs", n)
	if !ok {
		return false
	}
	filesys.Close(f)
	s.mu.Lock()
	if s.full {
		s.mu.Unlock()
		filesys.Delete("jobs", n)
		return false
	}
	s.full = true
	s.name = n
	s.mu.Unlock()
	return true
}

// Consume removes the queued job, if any.
func (s *Slot) Consume() bool {
	s.mu.Lock()
	if !s.full {
		s.mu.Unlock()
		return false
	}
	filesys.Delete("jobs", s.name)
	s.mu.Unlock()
	return true
}
