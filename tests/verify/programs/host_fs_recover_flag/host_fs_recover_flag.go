// Package hostfsrecoverflag is a verifier and explorer test of recovery under crash_model host
// with filesys and a spec: Claim takes the name f/x for good (Create is exclusive) and makes it
// durable (FsyncDir) before it returns. A crash may lose a claim that was not yet durable
// (the crash step keeps it or not); recovery makes the crashed generation's operations durable
// (filesys.Sync) and then takes the crash step from what it finds. Without the Sync a claim
// recovery kept could still vanish at a later power loss, and Claim would succeed twice.
//
// EXPECT verified
package hostfsrecoverflag

import (
	"armada/goose/machine/filesys"
	"sync"
)

//@ crash_model host
//@ spec Flag {
//@   state set: bool
//@   state dur: bool
//@   op Claim() bool { if set { return false }; set = true; return true }
//@   internal Flush() { dur = set }
//@   crash { choose k bool such that (dur ==> k) && (k ==> set); set = k; dur = k }
//@ }

//@ crash_inv (Flag.dur ==> filesys.Dirs["f"]["x"]) && (filesys.Dirs["f"]["x"] ==> Flag.set)

//@ explore {
//@   goroutines 1; ops 1; crashes 1; host_crashes 1
//@   after_crash { Claim(); Claim() }
//@ }

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(filesys.Dirs["f"]["x"]) && acc(Flag.set) && acc(Flag.dur) && Flag.set == filesys.Dirs["f"]["x"] && Flag.dur == Flag.set
}

//@ init
func Init() *Store {
	filesys.Mkdir("f")
	return &Store{mu: new(sync.Mutex)}
}

//@ implements Flag.Claim
func (s *Store) Claim() bool {
	s.mu.Lock()
	f, ok := filesys.Create("f", "x") //@ linearize
	if !ok {
		s.mu.Unlock()
		return false
	}
	filesys.Close(f)
	filesys.FsyncDir("f") //@ internal Flag.Flush()
	s.mu.Unlock()
	return true
}

//@ recover
func Recover() *Store {
	filesys.Sync() //@ crash_step k = filesys.Dirs["f"]["x"]
	return &Store{mu: new(sync.Mutex)}
}
