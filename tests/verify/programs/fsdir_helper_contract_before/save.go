// Package fsdirhelper is a verifier test: a helper's contract says the directory it writes in
// exists (filesys.IsDir), and init calls it for shard directories it makes in a loop, but it
// also saves into one shard past the last, which it never made.
//
// EXPECT fail precondition at line 39
package fsdirhelperbefore

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

// Shards is the number of shard directories.
const Shards uint64 = 4

//@ pure
func shardDir(i uint64) string {
	return "s" + prims.UInt64ToString(i) + ".d"
}

// save writes an empty marker file into d; the name is known to be valid.
//
//@ requires filesys.IsDir[d]
func save(d string) {
	f, ok := filesys.Create(d, "marker")
	if ok {
		filesys.Close(f)
	}
}

//@ init
func Init() {
	var i uint64 = 0
	for i < Shards {
		//@ invariant i <= Shards && (forall j uint64 :: j < i ==> filesys.IsDir[shardDir(j)])
		filesys.Mkdir(shardDir(i))
		i = i + 1
	}
	save(shardDir(Shards))
	var k uint64 = 0
	for k < Shards {
		//@ invariant k <= Shards
		save(shardDir(k))
		k = k + 1
	}
}
