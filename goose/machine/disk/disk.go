// Package disk is the single-disk machine library that verified Goose code calls.
//
// Goose code uses the package-level functions Read, Write, Size and Barrier on an ambient
// disk: the model treats the disk as global machine state. Each call is atomic. Servers and
// tests choose the disk first with Use, passing a MemDisk (in memory) or a FileDisk (a file
// on the host, made durable by Barrier). The set-up names (Disk, Use, Current, NewMemDisk,
// NewFileDisk) are not visible to Goose code.
package disk

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// BlockSize is the size of a disk block in bytes.
const BlockSize uint64 = 4096

// Block is the contents of one disk block; Write requires exactly BlockSize bytes.
type Block = []byte

// Disk is a disk of Size() blocks. Implementations are safe for concurrent use and make each
// call atomic. Close releases the disk's resources; using a closed disk panics.
type Disk interface {
	// Read returns a copy of block a; it panics if a >= Size().
	Read(a uint64) Block
	// Write stores a copy of v in block a; it panics unless len(v) == BlockSize and a < Size().
	Write(a uint64, v Block)
	// Size returns the number of blocks.
	Size() uint64
	// Barrier makes every completed Write durable.
	Barrier()
	// Close releases the disk.
	Close() error
}

// holder wraps the ambient disk so that it can live in an atomic.Pointer.
type holder struct{ d Disk }

var ambient atomic.Pointer[holder]

// Use makes d the disk that the package-level functions operate on.
func Use(d Disk) {
	if d == nil {
		panic("disk.Use: nil disk")
	}
	ambient.Store(&holder{d})
}

// Current returns the disk in use; it panics if Use was never called.
func Current() Disk {
	h := ambient.Load()
	if h == nil {
		panic("disk: no disk in use; call disk.Use(disk.NewMemDisk(n)) or disk.Use(fd) first")
	}
	return h.d
}

// Read returns a copy of block a of the ambient disk; it panics if a >= Size().
func Read(a uint64) Block { return Current().Read(a) }

// Write stores a copy of v in block a of the ambient disk; it panics unless
// len(v) == BlockSize and a < Size().
func Write(a uint64, v Block) { Current().Write(a, v) }

// Size returns the number of blocks of the ambient disk.
func Size() uint64 { return Current().Size() }

// Barrier makes every completed Write to the ambient disk durable.
func Barrier() { Current().Barrier() }

// nstripes is the number of locks a disk uses to make calls on one block atomic while
// calls on different blocks proceed in parallel.
const nstripes = 64

// stripes serialises calls on the same block.
type stripes [nstripes]sync.Mutex

func (s *stripes) lock(a uint64)   { s[a%nstripes].Lock() }
func (s *stripes) unlock(a uint64) { s[a%nstripes].Unlock() }

// checkAddr panics unless a is a block address of a disk of size blocks.
func checkAddr(op string, a, size uint64) {
	if a >= size {
		panic(fmt.Sprintf("disk: %s of block %d out of range: the disk has %d blocks", op, a, size))
	}
}

// checkBlock panics unless v is exactly one block long.
func checkBlock(a uint64, v Block) {
	if uint64(len(v)) != BlockSize {
		panic(fmt.Sprintf("disk: Write of block %d with %d bytes: a block must be exactly %d bytes",
			a, len(v), BlockSize))
	}
}
