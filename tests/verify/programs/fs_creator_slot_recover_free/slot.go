// Package fscreatorslotrecoverfree is a verifier test of a creator directory: recovery
// queues a job name without checking that its file exists. Recovery holds every name, but
// a lock may only be handed a name that exists: otherwise a Produce could create it and
// Consume would delete that other job's file.
//
// EXPECT fail lock-inv at line 33
package fscreatorslotrecoverfree

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
	return &Slot{mu: new(sync.Mutex), full: true, name: "stale"}
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
	s.full = false
	s.mu.Unlock()
	return true
}
