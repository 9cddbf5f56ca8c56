package disk

import (
	"bytes"
	"math/rand"
	"sync"
	"sync/atomic"
)

// MemDisk is a Disk held in memory that can simulate a host crash (power loss). A write is
// volatile until a Barrier that follows it: CrashHost returns the disk a power failure may
// leave, in which each block holds its value at the last Barrier or any value written to it
// since, blocks independently. A process crash loses nothing: keep using the same MemDisk.
type MemDisk struct {
	locks  stripes
	bar    sync.RWMutex // Write takes it shared, Barrier and CrashHost exclusively
	blocks []Block      // nil entries read as zero blocks
	synced []Block      // the blocks at the last Barrier
	since  [][]Block    // per block, the distinct values written to it since the last Barrier
	dmu    sync.Mutex   // guards dirty
	dirty  []uint64     // the blocks with values in since
	closed atomic.Bool
}

// NewMemDisk returns a zero-filled in-memory disk of the given number of blocks.
func NewMemDisk(blocks uint64) *MemDisk {
	return &MemDisk{blocks: make([]Block, blocks), synced: make([]Block, blocks), since: make([][]Block, blocks)}
}

func (d *MemDisk) check(op string, a uint64) {
	if d.closed.Load() {
		panic("disk: " + op + " on a closed MemDisk")
	}
	checkAddr(op, a, d.Size())
}

// Read returns a copy of block a; it panics if a >= Size() or the disk is closed.
func (d *MemDisk) Read(a uint64) Block {
	d.check("Read", a)
	out := make(Block, BlockSize)
	d.locks.lock(a)
	copy(out, d.blocks[a])
	d.locks.unlock(a)
	return out
}

// Write stores a copy of v in block a; it panics unless len(v) == BlockSize and a < Size().
// The write is volatile until the next Barrier.
func (d *MemDisk) Write(a uint64, v Block) {
	d.check("Write", a)
	checkBlock(a, v)
	b := make(Block, BlockSize)
	copy(b, v)
	d.bar.RLock()
	d.locks.lock(a)
	d.blocks[a] = b
	if len(d.since[a]) == 0 {
		d.dmu.Lock()
		d.dirty = append(d.dirty, a)
		d.dmu.Unlock()
	}
	if !containsBlock(d.since[a], b) {
		d.since[a] = append(d.since[a], b)
	}
	d.locks.unlock(a)
	d.bar.RUnlock()
}

// Size returns the number of blocks.
func (d *MemDisk) Size() uint64 { return uint64(len(d.blocks)) }

// Barrier makes every completed Write durable.
func (d *MemDisk) Barrier() {
	if d.closed.Load() {
		panic("disk: Barrier on a closed MemDisk")
	}
	d.bar.Lock()
	for _, a := range d.dirty {
		d.synced[a] = d.blocks[a]
		d.since[a] = nil
	}
	d.dirty = d.dirty[:0]
	d.bar.Unlock()
}

// Close marks the disk closed; later calls panic.
func (d *MemDisk) Close() error {
	d.closed.Store(true)
	return nil
}

// Chooser picks one of n > 1 possible outcomes of a host crash: a number in [0, n).
// Outcome 0 is always the one that keeps only what was made durable.
type Chooser func(n int) int

// Durable is the Chooser that keeps only what was made durable.
func Durable(int) int { return 0 }

// RandomChooser returns a Chooser that picks uniformly with r (seed r for a reproducible
// crash).
func RandomChooser(r *rand.Rand) Chooser { return func(n int) int { return r.Intn(n) } }

// Candidates returns, for block a, what a host crash now may leave in it: its value at the
// last Barrier first, then each distinct value written to it since, in the order written.
func (d *MemDisk) Candidates(a uint64) []Block {
	d.check("Candidates", a)
	d.bar.Lock()
	defer d.bar.Unlock()
	return d.candidates(a)
}

func (d *MemDisk) candidates(a uint64) []Block {
	out := []Block{orZero(d.synced[a])}
	for _, v := range d.since[a] {
		if !containsBlock(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// CrashHost simulates a power failure: it returns a new MemDisk holding, for each block in
// order of address, the candidate (see Candidates) that choose picks (choose is called only
// for blocks with more than one candidate). Everything on the new disk is durable. The
// receiver is closed: later calls on it panic. Calls still running on the receiver when
// it crashes may or may not be reflected.
func (d *MemDisk) CrashHost(choose Chooser) *MemDisk {
	if d.closed.Load() {
		panic("disk: CrashHost on a closed MemDisk")
	}
	d.bar.Lock()
	defer d.bar.Unlock()
	after := NewMemDisk(d.Size())
	for a := range d.blocks {
		c := d.candidates(uint64(a))
		k := 0
		if len(c) > 1 {
			k = choose(len(c))
			if k < 0 || k >= len(c) {
				panic("disk: CrashHost: the Chooser picked an outcome out of range")
			}
		}
		after.blocks[a] = append(Block(nil), c[k]...)
		after.synced[a] = after.blocks[a]
	}
	d.closed.Store(true)
	return after
}

func orZero(b Block) Block {
	if b == nil {
		return make(Block, BlockSize)
	}
	return b
}

func containsBlock(bs []Block, b Block) bool {
	for _, x := range bs {
		if bytes.Equal(orZero(x), orZero(b)) {
			return true
		}
	}
	return false
}
