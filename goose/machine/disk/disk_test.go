package disk

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// expectPanic runs f and fails the test unless it panics with a message containing want.
func expectPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Fatalf("no panic; want one containing %q", want)
		}
		if msg := fmt.Sprint(r); !strings.Contains(msg, want) {
			t.Fatalf("panic %q; want one containing %q", msg, want)
		}
	}()
	f()
}

// impls returns a fresh disk of each implementation.
func impls(t *testing.T, blocks uint64) map[string]Disk {
	fd, err := NewFileDisk(filepath.Join(t.TempDir(), "disk.img"), blocks)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fd.Close() })
	return map[string]Disk{"mem": NewMemDisk(blocks), "file": fd}
}

func block(b byte) Block { return bytes.Repeat([]byte{b}, int(BlockSize)) }

func TestOperations(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, d Disk)
	}{
		{"size", func(t *testing.T, d Disk) {
			if d.Size() != 8 {
				t.Fatalf("Size() = %d, want 8", d.Size())
			}
		}},
		{"fresh blocks read as zeros", func(t *testing.T, d Disk) {
			if !bytes.Equal(d.Read(7), block(0)) {
				t.Fatal("block 7 of a fresh disk is not zero")
			}
		}},
		{"write then read", func(t *testing.T, d Disk) {
			d.Write(3, block(0xab))
			d.Barrier()
			if !bytes.Equal(d.Read(3), block(0xab)) {
				t.Fatal("block 3 does not hold what was written")
			}
			if !bytes.Equal(d.Read(2), block(0)) {
				t.Fatal("writing block 3 changed block 2")
			}
		}},
		{"read returns a copy", func(t *testing.T, d Disk) {
			d.Write(1, block(1))
			b := d.Read(1)
			b[0] = 99
			if d.Read(1)[0] != 1 {
				t.Fatal("changing a read block changed the disk")
			}
		}},
		{"write copies its argument", func(t *testing.T, d Disk) {
			v := block(5)
			d.Write(1, v)
			v[0] = 99
			if d.Read(1)[0] != 5 {
				t.Fatal("changing a written slice changed the disk")
			}
		}},
		{"read out of range panics", func(t *testing.T, d Disk) {
			expectPanic(t, "Read of block 8 out of range", func() { d.Read(8) })
		}},
		{"write out of range panics", func(t *testing.T, d Disk) {
			expectPanic(t, "Write of block 9 out of range", func() { d.Write(9, block(0)) })
		}},
		{"short write panics", func(t *testing.T, d Disk) {
			expectPanic(t, "must be exactly 4096 bytes", func() { d.Write(0, make(Block, 10)) })
		}},
		{"long write panics", func(t *testing.T, d Disk) {
			expectPanic(t, "with 4097 bytes", func() { d.Write(0, make(Block, 4097)) })
		}},
	}
	for _, tt := range tests {
		for name, d := range impls(t, 8) {
			t.Run(name+"/"+tt.name, func(t *testing.T) { tt.run(t, d) })
		}
	}
}

func TestAmbient(t *testing.T) {
	ambient.Store(nil)
	expectPanic(t, "no disk in use", func() { Size() })
	expectPanic(t, "nil disk", func() { Use(nil) })
	for name, d := range impls(t, 4) {
		t.Run(name, func(t *testing.T) {
			Use(d)
			if Current() != d {
				t.Fatal("Current() is not the disk passed to Use")
			}
			if Size() != 4 {
				t.Fatalf("Size() = %d, want 4", Size())
			}
			Write(2, block(7))
			Barrier()
			if !bytes.Equal(Read(2), block(7)) {
				t.Fatal("Read(2) does not return what Write(2) stored")
			}
		})
	}
}

func TestClosed(t *testing.T) {
	for name, d := range impls(t, 2) {
		t.Run(name, func(t *testing.T) {
			d.Close()
			expectPanic(t, "Read", func() { d.Read(0) })
			expectPanic(t, "Write", func() { d.Write(0, block(1)) })
			expectPanic(t, "Barrier", func() { d.Barrier() })
		})
	}
}

// TestConcurrent writes whole blocks of one byte value from many goroutines and checks
// that every read sees a whole block (each call is atomic) and that the race detector is
// quiet.
func TestConcurrent(t *testing.T) {
	for name, d := range impls(t, 16) {
		t.Run(name, func(t *testing.T) {
			var wg sync.WaitGroup
			for g := 0; g < 8; g++ {
				wg.Add(1)
				go func(g int) {
					defer wg.Done()
					for i := 0; i < 200; i++ {
						a := uint64((g + i) % 16)
						d.Write(a, block(byte(g+1)))
						b := d.Read(uint64(i % 16))
						for _, x := range b {
							if x != b[0] {
								t.Errorf("torn block %d: %d and %d", i%16, b[0], x)
								return
							}
						}
					}
				}(g)
			}
			wg.Wait()
		})
	}
}

func TestFileDiskPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "disk.img")
	d, err := NewFileDisk(path, 4)
	if err != nil {
		t.Fatal(err)
	}
	d.Write(3, block(42))
	d.Barrier()
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Size() != int64(4*BlockSize) {
		t.Fatalf("disk file has size %v (err %v), want %d", st.Size(), err, 4*BlockSize)
	}
	d, err = NewFileDisk(path, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if !bytes.Equal(d.Read(3), block(42)) {
		t.Fatal("block 3 did not survive reopening the disk")
	}
}

func TestFileDiskErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, path string
		blocks     uint64
		want       string
	}{
		{"missing directory", filepath.Join(dir, "no", "such", "disk"), 1, "no such file"},
		{"would truncate", filepath.Join(dir, "big"), 1, "refusing to truncate"},
	}
	if err := os.WriteFile(filepath.Join(dir, "big"), make([]byte, 3*BlockSize), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewFileDisk(tt.path, tt.blocks)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NewFileDisk error %v, want one containing %q", err, tt.want)
			}
		})
	}
}
