package disk

import "sync/atomic"

// MemDisk is a Disk held in memory. Barrier does nothing: a MemDisk never loses a write.
type MemDisk struct {
	locks  stripes
	blocks []Block // nil entries read as zero blocks
	closed atomic.Bool
}

// NewMemDisk returns a zero-filled in-memory disk of the given number of blocks.
func NewMemDisk(blocks uint64) *MemDisk {
	return &MemDisk{blocks: make([]Block, blocks)}
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
func (d *MemDisk) Write(a uint64, v Block) {
	d.check("Write", a)
	checkBlock(a, v)
	b := make(Block, BlockSize)
	copy(b, v)
	d.locks.lock(a)
	d.blocks[a] = b
	d.locks.unlock(a)
}

// Size returns the number of blocks.
func (d *MemDisk) Size() uint64 { return uint64(len(d.blocks)) }

// Barrier does nothing: every write to a MemDisk is already as durable as it gets.
func (d *MemDisk) Barrier() {
	if d.closed.Load() {
		panic("disk: Barrier on a closed MemDisk")
	}
}

// Close marks the disk closed; later calls panic.
func (d *MemDisk) Close() error {
	d.closed.Store(true)
	return nil
}
