// Package twodisk is the two-disk machine library that verified Goose code calls: two disks
// of the same size, either of which may fail, but never both.
//
// Goose code uses Read, Write and Size on an ambient pair of disks. A Read from a failed
// disk returns false and a zero block; a Write to a failed disk is dropped. A failed disk
// stays failed until Repair (a test helper), and keeps the contents it had when it failed.
//
// The set-up names (Use, UseMem, Fail, FailAfter, Failed, Repair, Ops, Underlying) are for
// servers and tests, not for verified code. FailAfter and Ops together let a test fail a
// disk at every point of an execution: run it once to count its operations with Ops, then
// rerun it with FailAfter(d, n) for each n below that count.
package twodisk

import (
	"fmt"
	"sync/atomic"

	"armada/goose/machine/disk"
)

// DiskId names one of the two disks: Disk1 or Disk2.
type DiskId = uint64

// Disk1 is the first disk.
const Disk1 DiskId = 0

// Disk2 is the second disk.
const Disk2 DiskId = 1

// BlockSize is the size of a block in bytes (the same as disk.BlockSize).
const BlockSize uint64 = 4096

// Block is the contents of one block; Write requires exactly BlockSize bytes.
type Block = []byte

// pair is the ambient machine state: two disks and their failure state.
type pair struct {
	disks   [2]disk.Disk
	failed  atomic.Uint32 // bit d set when disk d has failed; never both bits
	ops     atomic.Uint64 // Read and Write calls so far
	trigger atomic.Pointer[trigger]
	crash   atomic.Int64 // 0: no crash pending; k > 0: k-1 more writes reach the disks
}

// trigger is a pending FailAfter: disk d fails before the operation numbered after at.
type trigger struct {
	d  DiskId
	at uint64
}

var ambient atomic.Pointer[pair]

// Use makes d1 and d2 the ambient disks Disk1 and Disk2, both working. It panics if their
// sizes differ.
func Use(d1, d2 disk.Disk) {
	if d1 == nil || d2 == nil {
		panic("twodisk.Use: nil disk")
	}
	if d1.Size() != d2.Size() {
		panic(fmt.Sprintf("twodisk.Use: disks of different sizes (%d and %d blocks)",
			d1.Size(), d2.Size()))
	}
	ambient.Store(&pair{disks: [2]disk.Disk{d1, d2}})
}

// UseMem makes two fresh zero-filled in-memory disks of the given number of blocks the
// ambient disks.
func UseMem(blocks uint64) {
	Use(disk.NewMemDisk(blocks), disk.NewMemDisk(blocks))
}

func current() *pair {
	p := ambient.Load()
	if p == nil {
		panic("twodisk: no disks in use; call twodisk.UseMem(n) or twodisk.Use(d1, d2) first")
	}
	return p
}

func checkId(op string, d DiskId) {
	if d > Disk2 {
		panic(fmt.Sprintf("twodisk: %s of disk %d: a DiskId is Disk1 (0) or Disk2 (1)", op, d))
	}
}

// fail marks disk d failed unless the other disk already has; it reports whether d is now
// failed.
func (p *pair) fail(d DiskId) bool {
	for {
		old := p.failed.Load()
		if old&(1<<(1-d)) != 0 {
			return false
		}
		if p.failed.CompareAndSwap(old, old|1<<d) {
			return true
		}
	}
}

// begin counts an operation, fires a due FailAfter, and reports whether disk d works.
func (p *pair) begin(d DiskId) bool {
	k := p.ops.Add(1)
	if t := p.trigger.Load(); t != nil && k > t.at && p.trigger.CompareAndSwap(t, nil) {
		p.fail(t.d)
	}
	return p.failed.Load()&(1<<d) == 0
}

// reaches reports whether a write gets to the disks, spending the CrashAfterWrites budget.
func (p *pair) reaches() bool {
	for {
		b := p.crash.Load()
		if b == 0 {
			return true
		}
		if b == 1 {
			return false
		}
		if p.crash.CompareAndSwap(b, b-1) {
			return true
		}
	}
}

func (p *pair) checkAddr(op string, a uint64) {
	if n := p.disks[0].Size(); a >= n {
		panic(fmt.Sprintf("twodisk: %s of block %d out of range: the disks have %d blocks", op, a, n))
	}
}
