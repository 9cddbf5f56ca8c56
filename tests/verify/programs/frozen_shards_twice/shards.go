// Package frozenshardstwice is a verifier test of a frozen array: init hands the same array
// to two tables; the first froze it, so the builder cannot give it to the second.
//
// EXPECT fail race at line 35
package frozenshardstwice

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
	other := &Table{shards: s}
	if other == nil {
		return nil
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
