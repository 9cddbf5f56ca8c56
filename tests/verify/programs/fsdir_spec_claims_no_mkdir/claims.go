// Package fsdirclaims is a verifier test the explorer checks too: each user claims its slot
// once, by creating the file "claimed" in its own directory ("u" + the user number), under
// the user's lock. Recovery does not make the directories, but a crash
// during init may have left some missing: its locks promise directories that may not exist
// (the explorer finds Claim panicking after such a crash).
//
// EXPECT fail recovery-lock-inv at line 65
package fsdirclaimsnomkdir

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

// N is the number of users.
const N uint64 = 2

//@ spec Claims {
//@   state used: map[uint64]bool
//@   op Claim(u uint64) bool { require u < N; if used[u] { return false }; used[u] = true; return true }
//@   crash { }
//@ }

//@ crash_inv forall u uint64 :: u < N ==> Claims.used[u] == filesys.Dirs[userDir(u)]["claimed"]

//@ explore {
//@   goroutines 2; ops 1
//@   domain uint64 = {0, 1}
//@ }

// Users holds one lock per user.
type Users struct {
	locks []*sync.Mutex //@ lock_inv(u) u < N ==> filesys.IsDir[userDir(u)]
}

//@ pure
func userDir(u uint64) string {
	return "u" + prims.UInt64ToString(u)
}

//@ init
func Init() *Users {
	locks := make([]*sync.Mutex, N)
	var u uint64 = 0
	for u < N {
		//@ invariant u <= N && (forall j uint64 :: j < u ==> filesys.IsDir[userDir(j)] && locks[j] != nil)
		filesys.Mkdir(userDir(u))
		locks[u] = new(sync.Mutex)
		u = u + 1
	}
	return &Users{locks: locks}
}

//@ recover
func Recover() *Users {
	locks := make([]*sync.Mutex, N)
	var u uint64 = 0
	for u < N {
		//@ invariant u <= N && (forall j uint64 :: j < u ==> locks[j] != nil)
		locks[u] = new(sync.Mutex)
		u = u + 1
	}
	return &Users{locks: locks}
}

//@ implements Claims.Claim
//@ requires u < N && uint64(len(s.locks)) == N
func (s *Users) Claim(u uint64) bool {
	s.locks[u].Lock()
	f, ok := filesys.Create(userDir(u), "claimed") //@ linearize
	if ok {
		filesys.Close(f)
	}
	s.locks[u].Unlock()
	return ok
}
