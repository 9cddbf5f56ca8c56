// Package frozenshardsgrown is a verifier test of a frozen array: Grow appends to the table's
// field, so the array is not frozen, and Add reading a shard without owning the array races
// with Grow.
//
// EXPECT fail race at line 45
package frozenshardsgrown

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

// Grow adds a shard: the field is assigned, so its array is not frozen.
func (t *Table) Grow() {
	t.shards = append(t.shards, &shard{mu: new(sync.Mutex), n: 0})
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
