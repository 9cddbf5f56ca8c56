// Package hostfsrecoverflagstepfirst is host_fs_recover_flag with its seeded bug in the proof:
// recovery takes the crash step from f/x before its filesys.Sync(), so a power loss between the
// two could undo the crashed generation's Create of f/x after the crash step kept the claim as
// durable (the code behaves as the correct one; the proof does not hold).
//
// EXPECT fail recovery-crash-inv at line 56
package hostfsrecoverflagstepfirst

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
	filesys.Sync()
	_ = names
	return &Store{mu: new(sync.Mutex)}
}
