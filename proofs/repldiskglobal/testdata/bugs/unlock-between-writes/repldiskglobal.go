// Package unlockbetweenwrites is a seeded bug in repldiskglobal: Write releases the lock
// between its two disk writes, so another Write can slip in between.
//
// EXPECT fail lock-inv at line 60
package unlockbetweenwrites

import (
	"sync"

	"armada/goose/machine/twodisk"
)

// DiskSize is the number of blocks of the logical disk.
const DiskSize uint64 = 16 //@ disk_size DiskSize

//@ spec Disk {
//@   state blocks: map[uint64]twodisk.Block
//@   op Read(a uint64) twodisk.Block { require a < DiskSize; return blocks[a] }
//@   op Write(a uint64, v twodisk.Block) { require a < DiskSize && len(v) == twodisk.BlockSize; blocks[a] = v }
//@   crash { }
//@ }

//@ crash_inv forall a uint64 :: a < DiskSize ==>
//@   Disk.blocks[a] == twodisk.D2[a] &&
//@   (twodisk.D1[a] != twodisk.D2[a] && !failed(twodisk.Disk1) ==> helping(Disk.Write(a, twodisk.D1[a])))

//@ explore {
//@   goroutines 2; ops 2; crashes 1; disk_failures 1
//@   domain twodisk.Block = {block(0), block(1)}
//@ }

// RepDisk is the in-memory state: one lock for everything.
type RepDisk struct {
	mu *sync.Mutex //@ lock_inv forall a uint64 :: a < DiskSize ==> lease(twodisk.D1[a]) && lease(twodisk.D2[a]) && (twodisk.D1[a] == twodisk.D2[a] || failed(twodisk.Disk1))
}

// Read returns the block at address a, from disk 1 if it works and from disk 2 otherwise.
//
// @ implements Disk.Read
// @ requires a < DiskSize
func (d *RepDisk) Read(a uint64) twodisk.Block {
	d.mu.Lock()
	v, ok := twodisk.Read(twodisk.Disk1, a) //@ linearize
	if ok {
		d.mu.Unlock()
		return v
	}
	v2, _ := twodisk.Read(twodisk.Disk2, a)
	d.mu.Unlock()
	return v2
}

// Write stores v at address a on both disks: disk 1 first, then disk 2.
//
// @ implements Disk.Write
// @ requires a < DiskSize && len(v) == twodisk.BlockSize
func (d *RepDisk) Write(a uint64, v twodisk.Block) {
	d.mu.Lock()
	twodisk.Write(twodisk.Disk1, a, v) //@ helping Disk.Write(a, v)
	d.mu.Unlock()
	twodisk.Write(twodisk.Disk2, a, v) //@ linearize
}

// Recover copies every block disk 1 still holds onto disk 2.
//
// @ recover
func Recover() *RepDisk {
	for a := uint64(0); a < DiskSize; a++ {
		//@ invariant forall b uint64 :: b < a ==> twodisk.D1[b] == twodisk.D2[b] || failed(twodisk.Disk1)
		v, ok := twodisk.Read(twodisk.Disk1, a)
		if ok {
			twodisk.Write(twodisk.Disk2, a, v) //@ complete Disk.Write(a, v)
		}
	}
	return &RepDisk{mu: new(sync.Mutex)}
}

// New opens a replicated disk on two fresh, zero-filled disks.
//
// @ init
func New() *RepDisk {
	return &RepDisk{mu: new(sync.Mutex)}
}
