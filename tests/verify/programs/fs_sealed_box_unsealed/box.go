// Package fssealedbox is a verifier test of sealed files (filesys.Sealed): each user's box
// records the messages linked into its directory, and its lock invariant says every one is
// sealed (its writer closed the descriptor Create gave it) and 8 bytes long. Deliver writes a
// spool file, closes it, and links it under the lock; Get opens a recorded message under the
// lock and reads it after releasing it: the message may be deleted meanwhile, but a sealed
// file's bytes never change, so the read still gets all 8.
//
// Seeded bug: the lock invariant keeps the messages' lengths without saying they are sealed:
// nothing keeps another thread from appending to a file while the lock is free.
//
// EXPECT fail lock-inv at line 25
// EXPECT fail postcondition at line 118
package fssealedbox

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ creator_dir "spool"

type box struct {
	mu   *sync.Mutex //@ lock_inv acc(live) && live != nil && (forall k string :: acc(live[k])) && acc(next) && dir != "spool" && lease(filesys.Dirs[dir], >= live) && (forall k string :: live[k] ==> len(filesys.Files[dir][k]) == 8)
	dir  string      //@ invariant filesys.IsDir[dir] && dir != "spool"
	live map[string]bool
	next uint64
}

// Store holds the boxes.
type Store struct {
	n     uint64
	boxes []*box //@ invariant uint64(len(boxes)) == n && (forall j uint64 :: j < n ==> boxes[j] != nil) && filesys.IsDir["spool"]
}

//@ pure
func userDir(u uint64) string {
	return "user" + prims.UInt64ToString(u)
}

//@ predicate given(d string, u uint64) { exists j uint64 :: j < u && d == userDir(j) }

//@ recover
func Open(n uint64) *Store {
	filesys.Mkdir("spool")
	boxes := make([]*box, 0)
	var u uint64 = 0
	for u < n {
		//@ invariant u <= n && uint64(len(boxes)) == u && (forall j uint64 :: j < u ==> boxes[j] != nil) && (forall j uint64 :: j < len(boxes) ==> acc(boxes[j]))
		//@ invariant forall d string :: !given(d, u) ==> lease(filesys.Dirs[d])
		dir := userDir(u)
		filesys.Mkdir(dir)
		boxes = append(boxes, &box{mu: new(sync.Mutex), dir: dir, live: make(map[string]bool), next: 0})
		u = u + 1
	}
	return &Store{n: n, boxes: boxes}
}

// Deliver stores an 8-byte message in u's box and returns its name ("" if it could not).
//
//@ requires u < s.n && len(msg) == 8
func (s *Store) Deliver(u uint64, msg []byte) string {
	b := s.boxes[u]
	name := prims.UInt64ToString(prims.RandomUint64())
	f, ok := filesys.Create("spool", name)
	if !ok {
		return ""
	}
	filesys.Append(f, msg)
	filesys.Close(f)
	b.mu.Lock()
	id := prims.UInt64ToString(b.next)
	b.next = b.next + 1
	linked := filesys.Link("spool", name, b.dir, id)
	if linked {
		b.live[id] = true
	}
	b.mu.Unlock()
	filesys.Delete("spool", name)
	if !linked {
		return ""
	}
	return id
}

// Take deletes u's message id if the box has it.
//
//@ requires u < s.n
func (s *Store) Take(u uint64, id string) bool {
	b := s.boxes[u]
	b.mu.Lock()
	if !b.live[id] {
		b.mu.Unlock()
		return false
	}
	delete(b.live, id)
	filesys.Delete(b.dir, id)
	b.mu.Unlock()
	return true
}

// Get reads u's message id, whole, and whether the box had it.
//
//@ requires u < s.n
//@ ensures ret1 ==> len(ret0) == 8
func (s *Store) Get(u uint64, id string) ([]byte, bool) {
	b := s.boxes[u]
	b.mu.Lock()
	if !b.live[id] {
		b.mu.Unlock()
		return make([]byte, 0), false
	}
	f := filesys.Open(b.dir, id)
	b.mu.Unlock()
	data := filesys.ReadAt(f, 0, 8)
	filesys.Close(f)
	return data, true
}
