package groupcommit

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

// A log of uint64 entries on disk with group commit: block 0 holds the number of durable
// entries, block 1+i entry i. Add buffers its entry; whoever finds no flush running writes
// every buffered entry, a barrier, the new count, a barrier, and wakes the others. Add
// returns only once its entry is durable.

//@ spec Log {
//@   state n: uint64
//@   state e: map[uint64]uint64
//@   op Add(v uint64) { e[n] = v; n = n + 1 }
//@   op Len() uint64 { return n }
//@   op Get(i uint64) uint64 { return e[i] }
//@   crash { }
//@ }

//@ explore {
//@   disk_size 6
//@ }

type G struct {
	mu       *sync.Mutex
	cond     *sync.Cond
	buf      []uint64
	n        uint64
	next     uint64
	flushing bool
}

func enc(x uint64) []byte {
	b := make([]byte, 4096)
	prims.UInt64Put(b, x)
	return b
}

// @ recover
func Recover() *G {
	mu := new(sync.Mutex)
	n := prims.UInt64Get(disk.Read(0))
	return &G{mu: mu, cond: sync.NewCond(mu), n: n, next: n}
}

// flush is called with the lock held and returns with it held.
func (g *G) flush() {
	g.flushing = true
	buf := g.buf
	g.buf = nil
	start := g.n
	g.mu.Unlock()
	for i, v := range buf {
		disk.Write(1+start+uint64(i), enc(v))
	}
	disk.Barrier() // the entries are durable before the count that covers them
	disk.Write(0, enc(start+uint64(len(buf))))
	disk.Barrier() // the count is durable before any Add returns
	g.mu.Lock()
	g.n = start + uint64(len(buf))
	g.flushing = false
	g.cond.Broadcast()
}

// @ implements Log.Add
// @ requires v < 2
func (g *G) Add(v uint64) {
	g.mu.Lock()
	g.buf = append(g.buf, v)
	g.next = g.next + 1
	me := g.next
	for g.n < me {
		if !g.flushing {
			g.flush()
		} else {
			g.cond.Wait()
		}
	}
	g.mu.Unlock()
}

// @ implements Log.Len
func (g *G) Len() uint64 {
	g.mu.Lock()
	n := g.n
	g.mu.Unlock()
	return n
}

// @ implements Log.Get
// @ requires i < 4
func (g *G) Get(i uint64) uint64 {
	g.mu.Lock()
	v := uint64(0)
	if i < g.n {
		v = prims.UInt64Get(disk.Read(1 + i))
	}
	g.mu.Unlock()
	return v
}
