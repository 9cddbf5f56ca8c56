// Package ackbeforeflush is a seeded bug in groupcommit: Commit takes effect at the
// header's write and returns without the barrier after it, so a power loss after the
// acknowledgement can lose committed entries.
//
// EXPECT fail crash-inv at line 98
package ackbeforeflush

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

// The layout and the log's capacity (see the package doc).
const (
	Hdr  uint64 = 0
	Cap  uint64 = 2
	Size uint64 = 3
)

//@ disk_size Size
//@ crash_model host
//@ spec Log {
//@   state vals: map[uint64]uint64
//@   state n: uint64
//@   state d: uint64
//@   op Append(v uint64) bool { if n >= Cap { return false }; vals[n] = v; n = n + 1; return true }
//@   op Commit() { d = n }
//@   op Get(i uint64) uint64 { if i >= d { return 0 }; return vals[i] }
//@   crash { choose k uint64 such that d <= k && k <= n; n = k; d = k }
//@ }

//@ crash_inv Log.d <= num(disk.D[Hdr]) && num(disk.D[Hdr]) <= Log.n && Log.n <= Cap &&
//@   (forall i uint64 :: i < num(disk.D[Hdr]) ==> num(disk.D[1+i]) == Log.vals[i])

//@ explore {
//@   goroutines 2; ops 2; crashes 1; recovery_crashes 1; host_crashes 1
//@   domain uint64 = {0, 1, 2}
//@ }

// Log is the in-memory state: the count appended and committed, and the two entries.
type Log struct {
	mu *sync.Mutex //@ lock_inv (forall a uint64 :: a < Size ==> lease(disk.D[a])) && acc(n) && acc(c) && acc(e0) && acc(e1) && acc(Log.vals) && acc(Log.n) && acc(Log.d) && n == Log.n && c == Log.d && num(disk.D[Hdr]) == c && (n >= 1 ==> e0 == Log.vals[0]) && (n >= 2 ==> e1 == Log.vals[1])
	n  uint64
	c  uint64
	e0 uint64
	e1 uint64
}

// num is the uint64 at the start of block b.
//
// @ pure
// @ requires len(b) >= 8
func num(b disk.Block) uint64 {
	return prims.UInt64Get(b)
}

// block is a block holding x at its start.
//
// @ ensures len(ret) == disk.BlockSize && num(ret) == x
func block(x uint64) disk.Block {
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, x)
	return b
}

// Append buffers v; it reports false when the log is full.
//
// @ implements Log.Append
func (l *Log) Append(v uint64) bool {
	l.mu.Lock()
	ok := l.n < Cap //@ linearize
	if ok {
		if l.n == 0 {
			l.e0 = v
		} else {
			l.e1 = v
		}
		l.n = l.n + 1
	}
	l.mu.Unlock()
	return ok
}

// Commit makes every appended entry durable, then acknowledges.
//
// @ implements Log.Commit
func (l *Log) Commit() {
	l.mu.Lock()
	if l.n >= 1 {
		disk.Write(1, block(l.e0))
	}
	if l.n >= 2 {
		disk.Write(2, block(l.e1))
	}
	disk.Barrier()
	disk.Write(Hdr, block(l.n)) //@ linearize
	l.c = l.n
	l.mu.Unlock()
}

// Get returns committed entry i (0 past the committed ones).
//
// @ implements Log.Get
func (l *Log) Get(i uint64) uint64 {
	l.mu.Lock()
	committed := l.c //@ linearize
	r := uint64(0)
	if i < committed {
		r = num(disk.Read(1 + i))
	}
	l.mu.Unlock()
	return r
}

// Recover reads the header and the entries it counts.
//
// @ recover
func Recover() *Log {
	disk.Barrier()
	h := num(disk.Read(Hdr)) //@ crash_step k = num(disk.D[Hdr])
	var e0 uint64
	var e1 uint64
	if h >= 1 {
		e0 = num(disk.Read(1))
	}
	if h >= 2 {
		e1 = num(disk.Read(2))
	}
	return &Log{mu: new(sync.Mutex), n: h, c: h, e0: e0, e1: e1}
}
