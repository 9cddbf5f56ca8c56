// Package repldisk3 is the second replicated disk of the Armada paper (section 4.5.2) in the
// form the paper describes: recovery copies disk 2 onto disk 1, and the crash invariant
// needs no helping. That is correct under the paper's fault model, in which the logical disk
// is disk 2 and only disk 1 fails; the package declares that model with `may_fail`, and the
// verifier and the explorer hold it to it. (With both disks allowed to fail it is not
// correct: see proofs/repldisk2, which needs helping for the case where disk 2 fails, and
// tests/verify/programs/repldisk2_without_helping, which pins the failure.)
package repldisk3

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

// The fault model: disk 1 may fail, disk 2 does not (the paper's assumption).
//@ may_fail twodisk.Disk1

// Disk 2 holds the logical disk; disk 1 is a copy that may lag behind by the write in
// flight, which recovery undoes.
//@ crash_inv forall a uint64 :: a < DiskSize ==> Disk.blocks[a] == twodisk.D2[a]

//@ explore {
//@   goroutines 2; ops 2; crashes 1; disk_failures 1
//@   domain uint64 = {0, 1}
//@   domain twodisk.Block = {block(0), block(1)}
//@ }

// RepDisk is the in-memory state of the replicated disk: one lock per address.
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

// Write stores v at address a: disk 1 first, then disk 2, where the write takes effect.
//
// @ implements Disk.Write
// @ requires a < DiskSize && len(v) == twodisk.BlockSize
func (d *RepDisk) Write(a uint64, v twodisk.Block) {
	d.locks[a].Lock()
	twodisk.Write(twodisk.Disk1, a, v)
	twodisk.Write(twodisk.Disk2, a, v) //@ linearize
	d.locks[a].Unlock()
}

// Recover repairs the disks after a crash by copying every block of disk 2 onto disk 1,
// which undoes a write that reached disk 1 only, and returns a RepDisk ready for use.
//
// @ recover
func Recover() *RepDisk {
	for a := uint64(0); a < DiskSize; a++ {
		//@ invariant forall b uint64 :: b < a ==> twodisk.D1[b] == twodisk.D2[b] || failed(twodisk.Disk1)
		v, _ := twodisk.Read(twodisk.Disk2, a)
		twodisk.Write(twodisk.Disk1, a, v)
	}
	return newRepDisk()
}

// New opens a replicated disk on two fresh, zero-filled disks: there is nothing to repair.
//
// @ init
func New() *RepDisk {
	return newRepDisk()
}
