// Package fsalonehelperlist is a verifier test the explorer checks too: recovery measures
// each user's first file with a helper that lists the user's directory and opens the first
// name it finds. Called from an op, another thread could delete that file between the List
// and the Open; only recovery calls it, so it runs alone and the file is still there.
//
// EXPECT verified
package fsalonehelperlist

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

// Users holds one lock per user, and what recovery measured.
type Users struct {
	locks []*sync.Mutex //@ lock_inv(u) u < N ==> filesys.IsDir[userDir(u)]
	sizes []uint64
}

//@ pure
func userDir(u uint64) string {
	return "u" + prims.UInt64ToString(u)
}

// firstSize is how many bytes (at most 8) the first file of dir holds, 0 if it has none.
//
//@ requires filesys.IsDir[dir]
func firstSize(dir string) uint64 {
	names := filesys.List(dir)
	if len(names) == 0 {
		return 0
	}
	f := filesys.Open(dir, names[0])
	b := filesys.ReadAt(f, 0, 8)
	filesys.Close(f)
	return uint64(len(b))
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
	return &Users{locks: locks, sizes: make([]uint64, N)}
}

//@ recover
func Recover() *Users {
	locks := make([]*sync.Mutex, N)
	sizes := make([]uint64, N)
	var u uint64 = 0
	for u < N {
		//@ invariant u <= N && uint64(len(sizes)) == N && (forall j uint64 :: j < u ==> filesys.IsDir[userDir(j)] && locks[j] != nil)
		filesys.Mkdir(userDir(u))
		sizes[u] = firstSize(userDir(u))
		locks[u] = new(sync.Mutex)
		u = u + 1
	}
	return &Users{locks: locks, sizes: sizes}
}

// Claim creates the user's "claimed" file under the user's lock.
//
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
