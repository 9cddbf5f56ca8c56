// Package speclistdisklog is a verifier test of spec lists across crashes: the spec's log
// is the list of appended blocks. On disk, block 0 holds the count and block 1+i entry i;
// the crash invariant ties the count to the list's length and each entry to its element.
// Append writes the entry, then the count (its commit point).
//
// EXPECT verified
package speclistdisklog

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

const N uint64 = 2

//@ disk_size 3
//@ spec Log {
//@   state ents: []disk.Block
//@   op Append(v disk.Block) { require len(v) == disk.BlockSize; if len(ents) < N { ents = append(ents, v) } }
//@   op Get(i uint64) uint64 { if i < len(ents) { return prims.UInt64Get(ents[i]) }; return 0 }
//@   op Len() uint64 { return len(ents) }
//@   crash { }
//@ }

//@ crash_inv len(Log.ents) == prims.UInt64Get(disk.D[0]) && prims.UInt64Get(disk.D[0]) <= N
//@ crash_inv forall i uint64 :: i < len(Log.ents) ==> Log.ents[i] == disk.D[1+i]

//@ explore {
//@   goroutines 2; ops 2; crashes 1
//@ }

type Log struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && lease(disk.D[1]) && lease(disk.D[2])
}

//@ implements Log.Append
//@ requires len(v) == disk.BlockSize
func (l *Log) Append(v disk.Block) {
	l.mu.Lock()
	n := prims.UInt64Get(disk.Read(0))
	if n >= N {
		l.mu.Unlock() //@ linearize
		return
	}
	disk.Write(1+n, v)
	h := make([]byte, disk.BlockSize)
	prims.UInt64Put(h, n+1)
	disk.Write(0, h) //@ linearize
	l.mu.Unlock()
}

//@ implements Log.Get
func (l *Log) Get(i uint64) uint64 {
	l.mu.Lock()
	n := prims.UInt64Get(disk.Read(0)) //@ linearize
	var v uint64 = 0
	if i < n {
		v = prims.UInt64Get(disk.Read(1 + i))
	}
	l.mu.Unlock()
	return v
}

//@ implements Log.Len
func (l *Log) Len() uint64 {
	l.mu.Lock()
	n := prims.UInt64Get(disk.Read(0)) //@ linearize
	l.mu.Unlock()
	return n
}

//@ recover
func Open() *Log {
	return &Log{mu: new(sync.Mutex)}
}
