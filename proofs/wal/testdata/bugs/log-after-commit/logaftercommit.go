// Package logaftercommit is a seeded bug in the write-ahead log: Write2 writes the second log block after the commit record, so a crash in between commits a stale log block.
//
// EXPECT fail crash-inv at line 96
package logaftercommit

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
	disk.Barrier()
	disk.Write(Hdr, header(1, a0, a1)) //@ linearize // BUG: the commit record before the log is complete
	disk.Write(Log1, v1)
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
