package disk

import (
	"fmt"
	"os"
)

// FileDisk is a Disk stored in a host file, read and written with pread/pwrite. Barrier
// calls fsync, so a write is durable once a later Barrier has returned.
type FileDisk struct {
	locks stripes
	f     *os.File
	size  uint64
}

// NewFileDisk opens (creating it if needed) the file at path as a disk of the given number
// of blocks. A shorter file is extended with zeros; a longer one is refused rather than
// truncated, so that opening a disk with the wrong size never destroys data.
func NewFileDisk(path string, blocks uint64) (*FileDisk, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("disk: open %s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("disk: stat %s: %w", path, err)
	}
	want := int64(blocks * BlockSize)
	if st.Size() > want {
		f.Close()
		return nil, fmt.Errorf("disk: %s holds %d bytes, more than %d blocks of %d bytes; "+
			"refusing to truncate it (pass the right size or remove the file)",
			path, st.Size(), blocks, BlockSize)
	}
	if st.Size() < want {
		if err := f.Truncate(want); err != nil {
			f.Close()
			return nil, fmt.Errorf("disk: extend %s to %d bytes: %w", path, want, err)
		}
	}
	return &FileDisk{f: f, size: blocks}, nil
}

// Read returns a copy of block a; it panics if a >= Size() or the file cannot be read.
func (d *FileDisk) Read(a uint64) Block {
	checkAddr("Read", a, d.size)
	out := make(Block, BlockSize)
	d.locks.lock(a)
	n, err := d.f.ReadAt(out, int64(a*BlockSize))
	d.locks.unlock(a)
	if uint64(n) != BlockSize {
		panic(fmt.Sprintf("disk: Read of block %d from %s: %v", a, d.f.Name(), err))
	}
	return out
}

// Write stores v in block a; it panics unless len(v) == BlockSize and a < Size(), or if the
// file cannot be written.
func (d *FileDisk) Write(a uint64, v Block) {
	checkAddr("Write", a, d.size)
	checkBlock(a, v)
	d.locks.lock(a)
	_, err := d.f.WriteAt(v, int64(a*BlockSize))
	d.locks.unlock(a)
	if err != nil {
		panic(fmt.Sprintf("disk: Write of block %d to %s: %v", a, d.f.Name(), err))
	}
}

// Size returns the number of blocks.
func (d *FileDisk) Size() uint64 { return d.size }

// Barrier fsyncs the file; it panics if fsync fails, since durability can then no longer be
// promised.
func (d *FileDisk) Barrier() {
	if err := d.f.Sync(); err != nil {
		panic(fmt.Sprintf("disk: Barrier (fsync of %s): %v", d.f.Name(), err))
	}
}

// Close closes the file; later calls panic.
func (d *FileDisk) Close() error { return d.f.Close() }
