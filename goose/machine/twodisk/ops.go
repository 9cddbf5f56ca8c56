package twodisk

import (
	"fmt"

	"armada/goose/machine/disk"
)

// Read returns a copy of block a of disk d and true, or a zero block and false if d has
// failed. It panics if d is not Disk1 or Disk2 or a >= Size().
func Read(d DiskId, a uint64) (Block, bool) {
	p := current()
	checkId("Read", d)
	p.checkAddr("Read", a)
	if !p.begin(d) {
		return make(Block, BlockSize), false
	}
	return p.disks[d].Read(a), true
}

// Write stores a copy of v in block a of disk d, durably (a Barrier of that disk follows
// it); the write is dropped if d has failed. It panics if d is not Disk1 or Disk2, a >= Size(), or len(v) != BlockSize.
func Write(d DiskId, a uint64, v Block) {
	p := current()
	checkId("Write", d)
	p.checkAddr("Write", a)
	if uint64(len(v)) != BlockSize {
		panic(fmt.Sprintf("twodisk: Write of block %d with %d bytes: a block must be exactly %d bytes",
			a, len(v), BlockSize))
	}
	if p.begin(d) && p.reaches() {
		p.disks[d].Write(a, v)
		// The model has no barrier: a twodisk write is durable when it returns.
		p.disks[d].Barrier()
	}
}

// Size returns the number of blocks of each disk.
func Size() uint64 { return current().disks[0].Size() }

// Fail makes disk d fail and reports whether it has failed. It refuses, returning false,
// if the other disk has already failed: the two disks never both fail.
func Fail(d DiskId) bool {
	checkId("Fail", d)
	return current().fail(d)
}

// Failed reports whether disk d has failed.
func Failed(d DiskId) bool {
	checkId("Failed", d)
	return current().failed.Load()&(1<<d) != 0
}

// FailAfter arranges for disk d to fail once n more Read or Write calls (on either disk)
// have been made: the call numbered n+1 from now, and every later one, sees d failed.
// FailAfter(d, 0) fails d before the next call. The failure is skipped if the other disk
// has failed by then. A later FailAfter or Repair replaces a pending one.
func FailAfter(d DiskId, n uint64) {
	checkId("FailAfter", d)
	p := current()
	p.trigger.Store(&trigger{d: d, at: p.ops.Load() + n})
}

// Repair makes both disks work again and cancels a pending FailAfter. A repaired disk keeps
// the contents it had when it failed: writes dropped while it was failed stay lost.
func Repair() {
	p := current()
	p.trigger.Store(nil)
	p.failed.Store(0)
}

// CrashAfterWrites simulates a crash after n more writes that reach a disk (writes to a
// failed disk do not count): every later write is dropped, as if the machine had stopped.
// A test then discards its in-memory state, calls Restart, and runs recovery on what the
// disks hold.
func CrashAfterWrites(n uint64) {
	current().crash.Store(int64(n) + 1)
}

// Restart ends a simulated crash: writes reach the disks again.
func Restart() {
	current().crash.Store(0)
}

// Ops returns the number of Read and Write calls made since Use or UseMem.
func Ops() uint64 { return current().ops.Load() }

// Underlying returns disk d itself, to inspect its contents in a test whether or not it
// has failed.
func Underlying(d DiskId) disk.Disk {
	checkId("Underlying", d)
	return current().disks[d]
}
