// Package fsdirusers is a verifier test: one directory per user, named by an expression
// ("user" + the number) and made by init in a loop. Each user's lock says that user's
// directory exists (filesys.IsDir is stable: directories are never removed), but init makes one
// directory too few, so the last lock is built without its invariant.
//
// EXPECT fail lock-inv at line 42
package fsdirusersshort

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
	for u < N-1 {
		//@ invariant u <= N-1 && (forall j uint64 :: j < u ==> filesys.IsDir[UserDir(j)] && locks[j] != nil)
		filesys.Mkdir(UserDir(u))
		locks[u] = new(sync.Mutex)
		u = u + 1
	}
	locks[N-1] = new(sync.Mutex)
	return &Store{locks: locks}
}

// Touch creates the file name in user u's directory, if it is not there yet.
//
//@ requires u < N && uint64(len(s.locks)) == N
func (s *Store) Touch(u uint64) {
	s.locks[u].Lock()
	f, ok := filesys.Create(UserDir(u), prims.UInt64ToString(u))
	if ok {
		filesys.Close(f)
	}
	s.locks[u].Unlock()
}
