package twodisk

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"armada/goose/machine/disk"
)

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

func block(b byte) Block { return bytes.Repeat([]byte{b}, int(BlockSize)) }

func TestConstants(t *testing.T) {
	if BlockSize != disk.BlockSize {
		t.Fatalf("twodisk.BlockSize %d != disk.BlockSize %d", BlockSize, disk.BlockSize)
	}
	if Disk1 != 0 || Disk2 != 1 {
		t.Fatalf("Disk1, Disk2 = %d, %d; want 0, 1", Disk1, Disk2)
	}
}

func TestOperations(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"size", func(t *testing.T) {
			if Size() != 4 {
				t.Fatalf("Size() = %d, want 4", Size())
			}
		}},
		{"disks are independent", func(t *testing.T) {
			Write(Disk1, 2, block(1))
			Write(Disk2, 2, block(2))
			for d, want := range []byte{1, 2} {
				b, ok := Read(DiskId(d), 2)
				if !ok || !bytes.Equal(b, block(want)) {
					t.Fatalf("Read(%d, 2) = %d..., %v; want %d..., true", d, b[0], ok, want)
				}
			}
		}},
		{"failed disk reads zero and false", func(t *testing.T) {
			Write(Disk1, 0, block(9))
			if !Fail(Disk1) || !Failed(Disk1) || Failed(Disk2) {
				t.Fatal("Fail(Disk1) did not fail exactly Disk1")
			}
			b, ok := Read(Disk1, 0)
			if ok || !bytes.Equal(b, block(0)) {
				t.Fatal("Read from a failed disk did not return a zero block and false")
			}
			if _, ok := Read(Disk2, 0); !ok {
				t.Fatal("Read from the working disk failed")
			}
		}},
		{"never both", func(t *testing.T) {
			if !Fail(Disk2) {
				t.Fatal("Fail(Disk2) refused with both disks working")
			}
			if !Fail(Disk2) {
				t.Fatal("Fail of an already failed disk must report true")
			}
			if Fail(Disk1) || Failed(Disk1) {
				t.Fatal("Fail(Disk1) succeeded while Disk2 had failed")
			}
		}},
		{"writes to a failed disk are dropped", func(t *testing.T) {
			Write(Disk2, 1, block(1))
			Fail(Disk2)
			Write(Disk2, 1, block(2))
			Repair()
			b, ok := Read(Disk2, 1)
			if !ok || !bytes.Equal(b, block(1)) {
				t.Fatal("a repaired disk does not hold its contents from before the failure")
			}
		}},
		{"repair", func(t *testing.T) {
			Fail(Disk1)
			Repair()
			if Failed(Disk1) || Failed(Disk2) {
				t.Fatal("Repair left a disk failed")
			}
		}},
		{"fail after n", func(t *testing.T) {
			FailAfter(Disk2, 2)
			for i := 0; i < 2; i++ {
				if _, ok := Read(Disk2, 0); !ok {
					t.Fatalf("call %d failed before the FailAfter count", i+1)
				}
			}
			if _, ok := Read(Disk2, 0); ok {
				t.Fatal("the third call after FailAfter(Disk2, 2) still saw Disk2 working")
			}
		}},
		{"fail after zero", func(t *testing.T) {
			FailAfter(Disk1, 0)
			if _, ok := Read(Disk1, 0); ok || !Failed(Disk1) {
				t.Fatal("FailAfter(Disk1, 0) did not fail Disk1 at the next call")
			}
		}},
		{"fail after respects never both", func(t *testing.T) {
			Fail(Disk1)
			FailAfter(Disk2, 0)
			if _, ok := Read(Disk2, 0); !ok || Failed(Disk2) {
				t.Fatal("FailAfter failed Disk2 while Disk1 had failed")
			}
		}},
		{"repair cancels fail after", func(t *testing.T) {
			FailAfter(Disk1, 1)
			Repair()
			Read(Disk1, 0)
			Read(Disk1, 0)
			if Failed(Disk1) {
				t.Fatal("a FailAfter fired after Repair")
			}
		}},
		{"ops counts calls", func(t *testing.T) {
			Write(Disk1, 0, block(1))
			Read(Disk2, 0)
			Fail(Disk2)
			Read(Disk2, 0)
			if Ops() != 3 {
				t.Fatalf("Ops() = %d, want 3", Ops())
			}
		}},
		{"underlying", func(t *testing.T) {
			Write(Disk2, 3, block(4))
			Fail(Disk2)
			if !bytes.Equal(Underlying(Disk2).Read(3), block(4)) {
				t.Fatal("Underlying(Disk2) does not show the disk's contents")
			}
		}},
		{"bad disk id panics", func(t *testing.T) {
			expectPanic(t, "Read of disk 2", func() { Read(2, 0) })
			expectPanic(t, "Write of disk 7", func() { Write(7, 0, block(0)) })
			expectPanic(t, "Fail of disk 2", func() { Fail(2) })
		}},
		{"out of range panics even on a failed disk", func(t *testing.T) {
			Fail(Disk1)
			expectPanic(t, "Read of block 4 out of range", func() { Read(Disk1, 4) })
			expectPanic(t, "Write of block 5 out of range", func() { Write(Disk2, 5, block(0)) })
		}},
		{"wrong block size panics even on a failed disk", func(t *testing.T) {
			Fail(Disk1)
			expectPanic(t, "must be exactly 4096 bytes", func() { Write(Disk1, 0, block(0)[:100]) })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			UseMem(4)
			tt.run(t)
		})
	}
}

func TestUse(t *testing.T) {
	ambient.Store(nil)
	expectPanic(t, "no disks in use", func() { Size() })
	expectPanic(t, "different sizes", func() { Use(disk.NewMemDisk(1), disk.NewMemDisk(2)) })
	expectPanic(t, "nil disk", func() { Use(nil, disk.NewMemDisk(2)) })
	d1, d2 := disk.NewMemDisk(3), disk.NewMemDisk(3)
	Use(d1, d2)
	Write(Disk2, 1, block(8))
	if !bytes.Equal(d2.Read(1), block(8)) || Underlying(Disk1) != d1 {
		t.Fatal("Use did not install the given disks")
	}
}

// replicated is the paper's replicated disk, written against the ambient twodisk API.
func rdWrite(a uint64, v Block) {
	Write(Disk1, a, v)
	Write(Disk2, a, v)
}

func rdRead(a uint64) Block {
	if b, ok := Read(Disk1, a); ok {
		return b
	}
	b, _ := Read(Disk2, a)
	return b
}

// workload writes and reads back through the replicated disk; it reports a wrong read.
func workload() error {
	for i := 0; i < 6; i++ {
		a := uint64(i % 3)
		rdWrite(a, block(byte(i+1)))
		if got := rdRead(a); got[0] != byte(i+1) {
			return fmt.Errorf("read of block %d after writing %d returned %d", a, i+1, got[0])
		}
	}
	return nil
}

// TestFailAtEveryPoint shows the intended use of FailAfter and Ops: fail each disk at every
// point of a workload and check that the replicated disk still reads what it wrote.
func TestFailAtEveryPoint(t *testing.T) {
	UseMem(3)
	if err := workload(); err != nil {
		t.Fatal(err)
	}
	n := Ops()
	for _, d := range []DiskId{Disk1, Disk2} {
		for k := uint64(0); k <= n; k++ {
			UseMem(3)
			FailAfter(d, k)
			if err := workload(); err != nil {
				t.Errorf("disk %d failing after %d of %d calls: %v", d, k, n, err)
			}
			if k < n && !Failed(d) {
				t.Errorf("disk %d did not fail after %d of %d calls", d, k, n)
			}
		}
	}
}

// TestConcurrent reads and writes from many goroutines while others fail and repair the
// disks, checking that both disks are never seen failed.
func TestConcurrent(t *testing.T) {
	UseMem(8)
	var wg sync.WaitGroup
	for g := 0; g < 6; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				a := uint64((g + i) % 8)
				switch i % 4 {
				case 0:
					Write(DiskId(i%2), a, block(byte(g)))
				case 1:
					Read(DiskId(i%2), a)
				case 2:
					Fail(DiskId(g % 2))
				default:
					if g == 0 {
						Repair()
					}
					FailAfter(DiskId(i%2), 3)
				}
				if current().failed.Load() == 3 { // one load: both bits at once
					t.Error("both disks failed")
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

// TestCrashAfterWrites: n writes reach the disks, later ones are dropped until Restart;
// writes to a failed disk do not spend the budget.
func TestCrashAfterWrites(t *testing.T) {
	UseMem(2)
	Fail(Disk2)
	CrashAfterWrites(2)
	Write(Disk2, 0, block(9)) // dropped by the failure, not counted
	Write(Disk1, 0, block(1))
	Write(Disk1, 1, block(2))
	Write(Disk1, 0, block(3)) // after the crash: dropped
	if got, _ := Read(Disk1, 0); got[0] != 1 {
		t.Fatalf("block 0 = %d after the crash, want 1", got[0])
	}
	Restart()
	Write(Disk1, 0, block(4))
	if got, _ := Read(Disk1, 0); got[0] != 4 {
		t.Fatalf("block 0 = %d after Restart, want 4", got[0])
	}
	if got, _ := Read(Disk1, 1); got[0] != 2 {
		t.Fatalf("block 1 = %d, want 2", got[0])
	}
}
