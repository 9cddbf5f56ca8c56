// Package frozenshards is a verifier test of a frozen array: a table of shards, each with its
// own lock, built once by init (appended in a loop) and kept in a field nothing changes
// afterwards. Add reads the shard from the table without any lock (the array is frozen:
// nobody owns it, so nobody writes it) and locks that shard, which memory only ever holds
// built with its locks.
//
// EXPECT verified
package frozenshards

import "sync"

// N is the number of shards.
const N uint64 = 4

type shard struct {
	mu *sync.Mutex //@ lock_inv acc(n)
	n  uint64
}

// Table is the set of shards.
type Table struct {
	shards []*shard
}

//@ init
func Init() *Table {
	s := make([]*shard, 0)
	var i uint64 = 0
	for i < N {
		//@ invariant uint64(len(s)) == i && (forall j uint64 :: j < len(s) ==> acc(s[j]))
		s = append(s, &shard{mu: new(sync.Mutex), n: 0})
		i = i + 1
	}
	return &Table{shards: s}
}

// Add counts one more in shard k (nothing when k is not a shard).
func (t *Table) Add(k uint64) {
	if k >= uint64(len(t.shards)) {
		return
	}
	sh := t.shards[k]
	if sh == nil {
		return
	}
	sh.mu.Lock()
	if sh.n < 1000 {
		sh.n = sh.n + 1
	}
	sh.mu.Unlock()
}
