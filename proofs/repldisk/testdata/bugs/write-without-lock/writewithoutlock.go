// Package writewithoutlock is a seeded bug in the replicated disk: Write takes no lock, so it writes disk 1 without the lease
// that the address lock protects.
//
// EXPECT fail lease at line 74
package writewithoutlock

import (
	"sync"

	"armada/goose/machine/twodisk"
)

// DiskSize is the number of blocks of the logical disk; both physical disks have this size.
const DiskSize uint64 = 16 //@ disk_size DiskSize

//@ spec Disk {
//@   state blocks: map[uint64]twodisk.Block
//@   op Read(a uint64) twodisk.Block { require a < DiskSize; return blocks[a] }
//@   op Write(a uint64, v twodisk.Block) { require a < DiskSize && len(v) == twodisk.BlockSize; blocks[a] = v }
//@   crash { }
//@ }

// Recovery owns both disks. Disk 2 holds the logical value; where the disks differ and disk
// 1 still works, a write is in flight and recovery will finish it.
//@ crash_inv forall a uint64 :: a < DiskSize ==>
//@   Disk.blocks[a] == twodisk.D2[a] &&
//@   (twodisk.D1[a] != twodisk.D2[a] && !failed(twodisk.Disk1) ==> helping(Disk.Write(a, twodisk.D1[a])))

//@ explore {
//@   goroutines 2; ops 2; crashes 1; disk_failures 1
//@   // uint64: 0 and the boundaries of the code's comparisons (the default)
//@   domain twodisk.Block = {block(0), block(1)}
//@ }

// RepDisk is the in-memory state of the replicated disk: one lock per address. Everything
// durable lives on the two disks, so a crash loses only the locks.
type RepDisk struct {
	locks []*sync.Mutex //@ lock_inv(a) a < DiskSize ==> lease(twodisk.D1[a]) && lease(twodisk.D2[a]) && (twodisk.D1[a] == twodisk.D2[a] || failed(twodisk.Disk1))
}

// newRepDisk returns a RepDisk with a fresh, unlocked lock for every address.
// @ requires forall a uint64 :: a < DiskSize ==> lease(twodisk.D1[a]) && lease(twodisk.D2[a])
func newRepDisk() *RepDisk {
	locks := make([]*sync.Mutex, DiskSize)
	for i := uint64(0); i < DiskSize; i++ {
		//@ invariant forall j uint64 :: j < i ==> locks[j] != nil
		locks[i] = new(sync.Mutex)
	}
	return &RepDisk{locks: locks}
}

// Read returns the block at address a, from disk 1 if it works and from disk 2 otherwise.
//
// @ implements Disk.Read
// @ requires a < DiskSize
func (d *RepDisk) Read(a uint64) twodisk.Block {
	d.locks[a].Lock()
	v, ok := twodisk.Read(twodisk.Disk1, a) //@ linearize
	if ok {
		d.locks[a].Unlock()
		return v
	}
	v2, _ := twodisk.Read(twodisk.Disk2, a)
	d.locks[a].Unlock()
	return v2
}

// Write stores v at address a on both disks: disk 1 first, then disk 2. A crash between the
// two writes leaves the disks different at a; recovery then finishes the write.
//
// @ implements Disk.Write
// @ requires a < DiskSize && len(v) == twodisk.BlockSize
func (d *RepDisk) Write(a uint64, v twodisk.Block) {
	twodisk.Write(twodisk.Disk1, a, v) //@ helping Disk.Write(a, v)
	twodisk.Write(twodisk.Disk2, a, v) //@ linearize
}

// Recover repairs the disks after a crash by copying every block that disk 1 still holds
// onto disk 2, and returns a RepDisk ready for use. It is also how a fresh replicated disk is
// opened: on two zero-filled disks it copies zeros.
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
	return newRepDisk()
}
