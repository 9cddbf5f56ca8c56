// Package frozenshardsspec is a verifier test the explorer checks too: per-key counters in a
// frozen table of shards, each shard's lock owning its key's spec state. Add and Get pick the
// shard out of the table with no lock (the table is frozen) and lock it; the table's invariant
// (a fact of every built table: it reads only frozen memory) says shard k is there and is
// key k's.
//
// EXPECT verified
package frozenshardsspec

import "sync"

// N is the number of keys.
const N uint64 = 2

//@ spec Counts {
//@   state n: map[uint64]uint64
//@   op Add(k uint64) { require k < N; if n[k] < 9 { n[k] = n[k] + 1 } }
//@   op Get(k uint64) uint64 { require k < N; return n[k] }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 0
//@   domain uint64 = {0, 1}
//@ }

type shard struct {
	mu *sync.Mutex //@ lock_inv acc(n) && acc(Counts.n[id]) && n == Counts.n[id]
	id uint64
	n  uint64
}

// Table holds one shard per key.
type Table struct {
	shards []*shard //@ invariant uint64(len(shards)) == N && (forall j uint64 :: j < N ==> shards[j] != nil && shards[j].id == j)
}

//@ init
func Init() *Table {
	s := []*shard{&shard{mu: new(sync.Mutex), id: 0, n: 0}, &shard{mu: new(sync.Mutex), id: 1, n: 0}}
	return &Table{shards: s}
}

//@ implements Counts.Add
//@ requires k < N
func (t *Table) Add(k uint64) {
	sh := t.shards[k]
	sh.mu.Lock()
	v := sh.n
	if v < 9 {
		v = v + 1
	}
	sh.n = v //@ linearize
	sh.mu.Unlock()
}

//@ implements Counts.Get
//@ requires k < N
func (t *Table) Get(k uint64) uint64 {
	sh := t.shards[k]
	sh.mu.Lock()
	v := sh.n //@ linearize
	sh.mu.Unlock()
	return v
}
