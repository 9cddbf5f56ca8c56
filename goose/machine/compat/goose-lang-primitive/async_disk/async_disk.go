// Package async_disk is Goose's primitive/async_disk package (writes are durable at Barrier), mapped onto Armada's single disk
// (armada/goose/machine/disk). The package-level functions use the ambient disk; a Disk
// value (Get) is a handle on that same disk, whose methods Armada reads as the package's
// functions.
package async_disk

import "armada/goose/machine/disk"

// BlockSize is the size of a disk block in bytes.
const BlockSize uint64 = disk.BlockSize

// Block is the contents of one disk block.
type Block = disk.Block

// Disk is a disk of Size() blocks (Armada's interface: Read, Write, Size, Barrier, Close).
type Disk = disk.Disk

// MemDisk is an in-memory disk for tests.
type MemDisk = disk.MemDisk

// NewMemDisk returns an in-memory disk of n zeroed blocks.
func NewMemDisk(n uint64) *MemDisk { return disk.NewMemDisk(n) }

// Init makes d the ambient disk.
func Init(d Disk) { disk.Use(d) }

// Get returns the ambient disk.
func Get() Disk { return disk.Current() }

// Read returns a copy of block a of the ambient disk.
func Read(a uint64) Block { return disk.Read(a) }

// Write stores a copy of v in block a of the ambient disk.
func Write(a uint64, v Block) { disk.Write(a, v) }

// Size returns the number of blocks of the ambient disk.
func Size() uint64 { return disk.Size() }

// Barrier makes every completed Write durable.
func Barrier() { disk.Barrier() }
