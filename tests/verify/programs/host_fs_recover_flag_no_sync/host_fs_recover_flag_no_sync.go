// Package hostfsrecoverflagnosync is host_fs_recover_flag with its seeded bug: recovery never
// calls filesys.Sync(). A Claim cut short by a process crash between its Create and its FsyncDir
// leaves f/x unsynced; recovery keeps the claim (the crash step sees f/x), the next Claim fails,
// and a power loss then undoes the Create: a later Claim succeeds, twice for one name.
//
// EXPECT fail durability at line 58
package hostfsrecoverflagnosync

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
	names := filesys.List("f") //@ crash_step k = filesys.Dirs["f"]["x"]
	_ = names
	return &Store{mu: new(sync.Mutex)}
}
