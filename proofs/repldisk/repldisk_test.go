package repldisk

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
		if got := d.Read(a); !bytes.Equal(got, block(0)) {
			t.Fatalf("fresh disk: Read(%d) is not zero", a)
		}
	}
	for a := uint64(0); a < DiskSize; a++ {
		d.Write(a, block(byte(a+1)))
	}
	for a := uint64(0); a < DiskSize; a++ {
		if got := d.Read(a); !bytes.Equal(got, block(byte(a+1))) {
			t.Fatalf("Read(%d) = %d..., want %d", a, got[0], a+1)
		}
	}
}

// TestDiskFailure fails each disk in turn: reads keep returning the last written value.
func TestDiskFailure(t *testing.T) {
	for _, failed := range []twodisk.DiskId{twodisk.Disk1, twodisk.Disk2} {
		d := setup(t)
		d.Write(3, block(7))
		if !twodisk.Fail(failed) {
			t.Fatalf("Fail(%d) refused", failed)
		}
		if got := d.Read(3); !bytes.Equal(got, block(7)) {
			t.Fatalf("disk %d failed: Read(3) = %d..., want 7", failed, got[0])
		}
		d.Write(3, block(9))
		if got := d.Read(3); !bytes.Equal(got, block(9)) {
			t.Fatalf("disk %d failed: Read(3) after Write = %d..., want 9", failed, got[0])
		}
	}
}

// TestCrashBetweenWrites simulates a crash after Write reached disk 1 only: the in-memory
// RepDisk is dropped and Recover runs on the same disks. Recovery finishes the write, and
// the value survives a later failure of either disk.
func TestCrashBetweenWrites(t *testing.T) {
	for _, failLater := range []twodisk.DiskId{twodisk.Disk1, twodisk.Disk2} {
		setup(t)
		twodisk.Write(twodisk.Disk1, 5, block(4)) // the first half of d.Write(5, block(4))
		d := Recover()
		if !twodisk.Fail(failLater) {
			t.Fatalf("Fail(%d) refused", failLater)
		}
		if got := d.Read(5); !bytes.Equal(got, block(4)) {
			t.Fatalf("after recovery and failure of disk %d: Read(5) = %d..., want 4", failLater, got[0])
		}
	}
}

// TestCrashAtEveryPoint crashes a sequence of writes after every disk operation, with and
// without a failure of disk 1 during recovery, and checks that each address holds either
// its old or its new value afterwards (each Write is atomic) and that completed writes stay.
func TestCrashAtEveryPoint(t *testing.T) {
	run := func(d *RepDisk) {
		d.Write(0, block(1))
		d.Write(1, block(2))
		d.Write(0, block(3))
	}
	// Recover writes DiskSize blocks, then the three Writes write two blocks each.
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
			ok0 := got0 == 0 || got0 == 1 || got0 == 3
			ok1 := got1 == 0 || got1 == 2
			if !ok0 || !ok1 {
				t.Fatalf("crash after %d ops (fail disk 1: %v): blocks %d, %d", n, failDisk1, got0, got1)
			}
			if n == total && (got0 != 3 || got1 != 2) {
				t.Fatalf("no crash: blocks %d, %d, want 3, 2", got0, got1)
			}
		}
	}
}

// crashAfter runs f on a RepDisk recovered from the ambient disks and crashes after n disk
// writes: later writes never reach the disks, and the RepDisk is gone.
func crashAfter(n int, f func(*RepDisk)) {
	twodisk.CrashAfterWrites(uint64(n))
	f(Recover())
	twodisk.Restart()
}

// TestFailAtEveryPoint fails each disk before every disk operation of a sequence of writes
// and reads: every read returns the last value written, whenever the failure strikes.
func TestFailAtEveryPoint(t *testing.T) {
	run := func(d *RepDisk) {
		for i := 0; i < 3; i++ {
			a := uint64(i % 2)
			d.Write(a, block(byte(i+1)))
			if got := d.Read(a); got[0] != byte(i+1) {
				t.Fatalf("Read(%d) = %d, want %d", a, got[0], i+1)
			}
		}
	}
	twodisk.UseMem(DiskSize)
	d := New()
	start := twodisk.Ops()
	run(d)
	total := twodisk.Ops() - start
	for _, disk := range []twodisk.DiskId{twodisk.Disk1, twodisk.Disk2} {
		for n := uint64(0); n <= total; n++ {
			twodisk.UseMem(DiskSize)
			d := New()
			twodisk.FailAfter(disk, n)
			run(d)
		}
	}
}

// TestConcurrent runs readers and writers on overlapping addresses under the race detector.
func TestConcurrent(t *testing.T) {
	d := setup(t)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				a := uint64(i % 4)
				d.Write(a, block(byte(g+1)))
				if b := d.Read(a); b[0] == 0 || b[0] > 4 {
					t.Errorf("Read(%d) = %d, never written", a, b[0])
				}
			}
		}(g)
	}
	wg.Wait()
}
