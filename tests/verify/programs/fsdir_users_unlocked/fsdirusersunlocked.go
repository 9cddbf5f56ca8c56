// Package fsdirusers is a verifier test: one directory per user, named by an expression
// ("user" + the number) and made by init in a loop. Each user's lock says that user's
// directory exists (filesys.IsDir is stable: directories are never removed), but Touch creates a file there without
// taking the lock, so nothing tells it the directory exists (another
// layout, or a crash in the middle of init, may have left it missing).
//
// EXPECT fail safety at line 49
package fsdirusersunlocked

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

// N is the number of users.
const N uint64 = 3

// Store holds one lock per user.
type Store struct {
	locks []*sync.Mutex //@ lock_inv(u) u < N ==> filesys.IsDir[UserDir(u)]
}

// UserDir is the directory of user u.
//
//@ pure
func UserDir(u uint64) string {
	return "user" + prims.UInt64ToString(u)
}

//@ init
func Init() *Store {
	locks := make([]*sync.Mutex, N)
	var u uint64 = 0
	for u < N {
		//@ invariant u <= N && (forall j uint64 :: j < u ==> filesys.IsDir[UserDir(j)] && locks[j] != nil)
		filesys.Mkdir(UserDir(u))
		locks[u] = new(sync.Mutex)
		u = u + 1
	}
	return &Store{locks: locks}
}

// Touch creates the file name in user u's directory, if it is not there yet.
//
//@ requires u < N && uint64(len(s.locks)) == N
func (s *Store) Touch(u uint64) {
	f, ok := filesys.Create(UserDir(u), prims.UInt64ToString(u))
	if ok {
		filesys.Close(f)
	}
}
