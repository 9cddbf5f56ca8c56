// Package wal gives atomic two-block transactions on one disk with a write-ahead log. The
// disk holds a header block, two log blocks and a data area of N blocks:
//
//	block 0      header: commit flag, then the two addresses (little-endian uint64s at 0, 8, 16: package enc)
//	blocks 1, 2  log: the new contents of the transaction's two blocks
//	blocks 3..6  data: the N = 4 blocks clients see
//
// Write2 writes both log blocks, then the header with the commit flag set (the one block
// write that commits the transaction), then installs both blocks into the data area, then
// clears the header. Recovery reads the header and, if it is committed, installs the logged
// blocks again and clears it; a crash during recovery leaves the header committed, so the
// next recovery repeats the same installs. When both addresses are equal the second write wins.
//
// A Barrier separates each phase (log, commit, install, clear), and recovery starts with one:
// after a process crash the header it reads may not be durable yet, and it must not install
// from a commit a power loss can still undo. The verifier proves the process-crash model
// (it does not model Barrier or host crashes); the explorer checks power loss too
// (host_crashes 1 below), and finds a violation without any one of the Barriers but the last
// (it keeps the next transaction's log from meeting a header whose clearing a power loss
// undid; that needs a crash after recovery, beyond these bounds).
//
// The crash invariant says what a client sees: if the header is committed, its addresses are
// below N and a logged address shows its log block (the second one if both are equal); every
// other address shows its data block.
package wal

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

// The layout (see the package doc).
const (
	Hdr  uint64 = 0
	Log0 uint64 = 1
	Log1 uint64 = 2
	Data uint64 = 3
	N    uint64 = 4
	Size uint64 = 7
)

//@ disk_size Size
//@ spec Disk {
//@   state data: map[uint64]disk.Block
//@   op Write2(a0 uint64, v0 disk.Block, a1 uint64, v1 disk.Block) {
//@     require a0 < N && a1 < N && len(v0) == disk.BlockSize && len(v1) == disk.BlockSize
//@     data[a0] = v0; data[a1] = v1
//@   }
//@   op Read(a uint64) disk.Block { require a < N; return data[a] }
//@   crash { }
//@ }

//@ crash_inv committed(disk.D[Hdr]) ? addr0(disk.D[Hdr]) < N && addr1(disk.D[Hdr]) < N &&
//@   (forall a uint64 :: a < N ==> Disk.data[a] == (a == addr1(disk.D[Hdr]) ? disk.D[Log1] :
//@     (a == addr0(disk.D[Hdr]) ? disk.D[Log0] : disk.D[Data+a])))
//@   : (forall a uint64 :: a < N ==> Disk.data[a] == disk.D[Data+a])

//@ explore {
//@   goroutines 2; ops 1; crashes 1; recovery_crashes 1; host_crashes 1
//@   domain uint64 = {0, 3}
//@   domain disk.Block = {block(1), block(2)}
//@ }

// Log is the in-memory handle: one lock for the whole disk, and between transactions the
// header is clear.
type Log struct {
	mu *sync.Mutex //@ lock_inv (forall a uint64 :: a < Size ==> lease(disk.D[a])) && !committed(disk.D[Hdr])
}

// committed says whether header h records a committed transaction.
//
// @ pure
// @ requires len(h) >= 8
func committed(h disk.Block) bool {
	return enc.Get64(h, 0) != 0
}

// addr0 is the first logged address in header h.
//
// @ pure
// @ requires len(h) >= 16
func addr0(h disk.Block) uint64 {
	return enc.Get64(h, 8)
}

// addr1 is the second logged address in header h.
//
// @ pure
// @ requires len(h) >= 24
func addr1(h disk.Block) uint64 {
	return enc.Get64(h, 16)
}

// header builds a header block: the commit flag c, then the addresses a0 and a1.
//
// @ ensures len(ret) == disk.BlockSize && committed(ret) == (c != 0)
// @ ensures addr0(ret) == a0 && addr1(ret) == a1
func header(c uint64, a0 uint64, a1 uint64) disk.Block {
	h := make([]byte, disk.BlockSize)
	enc.Put64(h, 0, c)
	enc.Put64(h, 8, a0)
	enc.Put64(h, 16, a1)
	return h
}

// Write2 writes v0 at a0 and v1 at a1 atomically: after a crash either both are visible
// or neither is. If a0 == a1, v1 wins.
//
// @ implements Disk.Write2
// @ requires a0 < N && a1 < N && len(v0) == disk.BlockSize && len(v1) == disk.BlockSize
func (l *Log) Write2(a0 uint64, v0 disk.Block, a1 uint64, v1 disk.Block) {
	l.mu.Lock()
	disk.Write(Log0, v0)
	disk.Write(Log1, v1)
	disk.Barrier()
	disk.Write(Hdr, header(1, a0, a1)) //@ linearize
	disk.Barrier()
	disk.Write(Data+a0, v0)
	disk.Write(Data+a1, v1)
	disk.Barrier()
	disk.Write(Hdr, header(0, 0, 0))
	disk.Barrier()
	l.mu.Unlock()
}

// Read returns data block a.
//
// @ implements Disk.Read
// @ requires a < N
func (l *Log) Read(a uint64) disk.Block {
	l.mu.Lock()
	v := disk.Read(Data + a) //@ linearize
	l.mu.Unlock()
	return v
}

// Open recovers the log after a crash (or on a fresh zeroed disk, whose header is clear): a
// committed transaction is installed again from the log, then the header is cleared.
//
// @ recover
func Open() *Log {
	disk.Barrier()
	h := disk.Read(Hdr)
	if committed(h) {
		v0 := disk.Read(Log0)
		disk.Write(Data+addr0(h), v0)
		v1 := disk.Read(Log1)
		disk.Write(Data+addr1(h), v1)
		disk.Barrier()
		disk.Write(Hdr, header(0, 0, 0))
		disk.Barrier()
	}
	return &Log{mu: new(sync.Mutex)}
}
