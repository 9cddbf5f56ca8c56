package repldisk3

import (
	"bytes"
	"sync"
	"testing"

	"armada/goose/machine/twodisk"
)

// block returns a block filled with the byte x.
func block(x byte) twodisk.Block {
	return bytes.Repeat([]byte{x}, int(twodisk.BlockSize))
}

// setup gives the test two fresh zero-filled disks and a recovered RepDisk over them.
func setup(t *testing.T) *RepDisk {
	t.Helper()
	twodisk.UseMem(DiskSize)
	return Recover()
}

func TestReadWrite(t *testing.T) {
	d := setup(t)
	for a := uint64(0); a < DiskSize; a++ {
		d.Write(a, block(byte(a+1)))
	}
	for a := uint64(0); a < DiskSize; a++ {
		if got := d.Read(a)[0]; got != byte(a+1) {
			t.Fatalf("Read(%d) = %d, want %d", a, got, a+1)
		}
	}
}

// The fault model: only disk 1 fails. Reads fall back to disk 2 and see every write.
func TestDisk1Failure(t *testing.T) {
	d := setup(t)
	d.Write(3, block(7))
	if !twodisk.Fail(twodisk.Disk1) {
		t.Fatal("Fail(Disk1) refused")
	}
	if got := d.Read(3)[0]; got != 7 {
		t.Fatalf("after disk 1 failed, Read(3) = %d, want 7", got)
	}
	d.Write(3, block(8))
	if got := Recover().Read(3)[0]; got != 8 {
		t.Fatalf("after recovery, Read(3) = %d, want 8", got)
	}
}

// crashAfter runs f on a RepDisk recovered from the ambient disks and crashes after n disk
// writes: later writes never reach the disks, and the RepDisk is gone.
func crashAfter(n int, f func(*RepDisk)) {
	twodisk.CrashAfterWrites(uint64(n))
	f(Recover())
	twodisk.Restart()
}

// A crash after any disk write, then recovery (with or without disk 1 failing): each block
// holds a value that was written to it (or its initial zero), the one a crash cut short is
// rolled back, and both disks agree again where disk 1 works.
func TestCrashAtEveryPoint(t *testing.T) {
	run := func(d *RepDisk) {
		d.Write(0, block(1))
		d.Write(1, block(2))
		d.Write(0, block(3))
	}
	total := int(DiskSize) + 6
	for n := 0; n <= total; n++ {
		for _, failDisk1 := range []bool{false, true} {
			setup(t)
			crashAfter(n, run)
			if failDisk1 {
				twodisk.Fail(twodisk.Disk1)
			}
			d := Recover()
			got0, got1 := d.Read(0)[0], d.Read(1)[0]
			if !(got0 == 0 || got0 == 1 || got0 == 3) || !(got1 == 0 || got1 == 2) {
				t.Fatalf("crash after %d writes (fail disk 1: %v): blocks %d, %d", n, failDisk1, got0, got1)
			}
			if n == total && (got0 != 3 || got1 != 2) {
				t.Fatalf("no crash: blocks %d, %d, want 3, 2", got0, got1)
			}
			if !failDisk1 {
				for a := uint64(0); a < DiskSize; a++ {
					b1, _ := twodisk.Read(twodisk.Disk1, a)
					b2, _ := twodisk.Read(twodisk.Disk2, a)
					if !bytes.Equal(b1, b2) {
						t.Fatalf("crash after %d writes: disks differ at %d after recovery", n, a)
					}
				}
			}
		}
	}
}

func TestConcurrent(t *testing.T) {
	d := setup(t)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				a := uint64((g + i) % int(DiskSize))
				d.Write(a, block(byte(g)))
				_ = d.Read(a)
			}
		}(g)
	}
	wg.Wait()
}
