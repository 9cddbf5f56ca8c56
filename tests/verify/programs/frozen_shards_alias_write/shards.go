// Package frozenshardsaliaswrite is a verifier test of a frozen array: init builds the table
// and then swaps a shard through the alias it kept. Building the table froze the array
// (readers index it without a lock), so the builder no longer owns it.
//
// EXPECT fail race at line 33
package frozenshardsaliaswrite

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
	t := &Table{shards: s}
	s[0] = &shard{mu: new(sync.Mutex), n: 7}
	return t
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
