// Package looplease is a verifier test of leases in a loop invariant: recovery builds one
// shard per disk block in a loop, and each shard's lock takes the lease on its block. The
// invariant names the leases recovery still holds (the blocks from a on), so each iteration
// hands one over. Seeded: the invariant claims every lease still, which no iteration keeps.
//
// EXPECT fail loop-invariant-preserved at line 34
package looplease

import (
	"sync"

	"armada/goose/machine/disk"
)

//@ disk_size 8

// N is the number of blocks (and shards).
const N uint64 = 8

type shard struct {
	mu   *sync.Mutex //@ lock_inv lease(disk.D[addr])
	addr uint64      //@ invariant addr < N
}

// Table is the set of shards, shard a for block a.
type Table struct {
	shards []*shard //@ invariant uint64(len(shards)) == N && (forall j uint64 :: j < N ==> shards[j] != nil)
}

//@ recover
func Recover() *Table {
	s := make([]*shard, 0)
	var a uint64 = 0
	for a < N {
		//@ invariant a <= N && uint64(len(s)) == a && (forall j uint64 :: j < a ==> s[j] != nil) && (forall j uint64 :: j < len(s) ==> acc(s[j]))
		//@ invariant forall b uint64 :: b < N ==> lease(disk.D[b])
		s = append(s, &shard{mu: new(sync.Mutex), addr: a})
		a = a + 1
	}
	return &Table{shards: s}
}

// Put writes v to shard k's block (nothing when k is not a shard).
//
//@ requires len(v) == disk.BlockSize
func (t *Table) Put(k uint64, v disk.Block) {
	if k >= N {
		return
	}
	sh := t.shards[k]
	sh.mu.Lock()
	disk.Write(sh.addr, v)
	sh.mu.Unlock()
}
