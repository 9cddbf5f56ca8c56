// Package speclenlognokeys is a verifier test of `len` of a spec map: the crash invariant
// ties the count to len(ents) but says nothing of which keys are present, so position
// len(ents) may already be a key and Append's len may not grow: len is exact, never
// guessed, and the proof fails.
//
// EXPECT fail crash-inv at line 49
package speclenlognokeys

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

const N uint64 = 2

//@ disk_size 3
//@ spec Log {
//@   state ents: map[uint64]disk.Block
//@   op Append(v disk.Block) { require len(v) == disk.BlockSize; if len(ents) < N { ents[len(ents)] = v } }
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
