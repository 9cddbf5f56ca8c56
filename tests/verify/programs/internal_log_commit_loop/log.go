// Package internallogcommitloop is a verifier test of internal spec steps in a loop: the
// committer commits twice holding the lock, the loop invariant restating what it keeps.
//
// EXPECT verified
package internallogcommitloop

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

const Max uint64 = 8

//@ disk_size 1
//@ spec Log {
//@   state n: uint64
//@   state d: uint64
//@   op Append() bool { if n < Max { n = n + 1; return true }; return false }
//@   op Len() uint64 { return n }
//@   internal Commit(k uint64) { require d <= k && k <= n; d = k }
//@   crash { n = d }
//@ }

//@ crash_inv Log.d == prims.UInt64Get(disk.D[0]) && Log.d <= Max

type L struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && acc(n) && acc(d) && acc(Log.n) && acc(Log.d) && n == Log.n && d == Log.d && Log.d <= Log.n && n <= Max
	n  uint64
	d  uint64
}

//@ ensures len(ret) == disk.BlockSize && prims.UInt64Get(ret) == x
func block(x uint64) disk.Block {
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, x)
	return b
}

//@ implements Log.Append
func (l *L) Append() bool {
	l.mu.Lock()
	if l.n < Max {
		l.n = l.n + 1 //@ linearize
		l.mu.Unlock()
		return true
	}
	l.mu.Unlock() //@ linearize
	return false
}

//@ implements Log.Len
func (l *L) Len() uint64 {
	l.mu.Lock()
	v := l.n //@ linearize
	l.mu.Unlock()
	return v
}

func (l *L) committer() {
	for {
		l.mu.Lock()
		for i := uint64(0); i < 2; i++ {
			//@ invariant l.n <= Max && l.n == Log.n && l.d == Log.d && Log.d <= Log.n
			disk.Write(0, block(l.n)) //@ internal Log.Commit(l.n)
			l.d = l.n
		}
		l.mu.Unlock()
	}
}

//@ recover
func Recover() *L {
	n := prims.UInt64Get(disk.Read(0)) //@ crash_step
	l := &L{mu: new(sync.Mutex), n: n, d: n}
	go l.committer()
	return l
}
