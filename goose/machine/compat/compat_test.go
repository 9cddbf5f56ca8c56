package compat_test

import (
	"bytes"
	"sync"
	"testing"

	"armada/goose/machine/disk"
	"armada/goose/machine/filesys"
	glmachine "github.com/goose-lang/goose/machine"
	glasync "github.com/goose-lang/goose/machine/async_disk"
	gldisk "github.com/goose-lang/goose/machine/disk"
	glfs "github.com/goose-lang/goose/machine/filesys"
	"github.com/goose-lang/primitive"
	pasync "github.com/goose-lang/primitive/async_disk"
	pdisk "github.com/goose-lang/primitive/disk"
	pfs "github.com/goose-lang/primitive/filesys"
	"github.com/tchajed/goose/machine"
	tdisk "github.com/tchajed/goose/machine/disk"
	tfs "github.com/tchajed/goose/machine/filesys"
	"github.com/tchajed/marshal"
)

func TestPrimsAgree(t *testing.T) {
	for _, p := range []struct {
		name string
		put  func([]byte, uint64)
		get  func([]byte) uint64
		str  func(uint64) string
	}{
		{"tchajed", machine.UInt64Put, machine.UInt64Get, machine.UInt64ToString},
		{"goose-lang", glmachine.UInt64Put, glmachine.UInt64Get, glmachine.UInt64ToString},
		{"primitive", primitive.UInt64Put, primitive.UInt64Get, primitive.UInt64ToString},
	} {
		b := make([]byte, 8)
		p.put(b, 0x0102030405060708)
		if b[0] != 8 || b[7] != 1 || p.get(b) != 0x0102030405060708 {
			t.Errorf("%s: little-endian round trip failed: %v", p.name, b)
		}
		if p.str(42) != "42" {
			t.Errorf("%s: UInt64ToString(42) = %q", p.name, p.str(42))
		}
	}
	b := make([]byte, 4)
	machine.UInt32Put(b, 0x01020304)
	if b[0] != 4 || machine.UInt32Get(b) != 0x01020304 {
		t.Errorf("UInt32 round trip failed: %v", b)
	}
}

func TestDisksShareTheAmbientDisk(t *testing.T) {
	disk.Use(disk.NewMemDisk(4))
	blk := make([]byte, disk.BlockSize)
	writes := []func(uint64, []byte){tdisk.Write, gldisk.Write, glasync.Write, pdisk.Write, pasync.Write}
	for i, w := range writes {
		blk[0] = byte(i + 1)
		w(uint64(i%4), blk)
		if got := disk.Read(uint64(i % 4)); got[0] != byte(i+1) {
			t.Fatalf("shim %d: wrote %d, Armada's disk has %d", i, i+1, got[0])
		}
	}
	// A handle is the ambient disk.
	d := pdisk.Get()
	blk[0] = 99
	d.Write(3, blk)
	d.Barrier()
	if tdisk.Read(3)[0] != 99 || d.Size() != 4 || gldisk.Size() != 4 {
		t.Fatalf("the handle and the package functions disagree")
	}
	tdisk.Init(tdisk.NewMemDisk(2))
	if pdisk.Size() != 2 {
		t.Fatalf("Init did not replace the ambient disk")
	}
}

func TestFilesysShims(t *testing.T) {
	filesys.UseMem().Mkdir("d")
	f, ok := tfs.Create("d", "a")
	if !ok {
		t.Fatal("create failed")
	}
	tfs.Append(f, []byte("hi"))
	glfs.Close(f)
	if !pfs.Link("d", "a", "d", "b") || pfs.Link("d", "a", "d", "b") {
		t.Fatal("link: want true then false")
	}
	g := glfs.Open("d", "b")
	if got := pfs.ReadAt(g, 0, 10); string(got) != "hi" {
		t.Fatalf("ReadAt = %q", got)
	}
	tfs.Close(g)
	tfs.Delete("d", "a")
	if names := glfs.List("d"); len(names) != 1 || names[0] != "b" {
		t.Fatalf("List = %v", names)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	enc := marshal.NewEnc(40)
	enc.PutInt(7)
	enc.PutInt32(0xdeadbeef)
	enc.PutInts([]uint64{1, 2})
	enc.PutBool(true)
	enc.PutBytes([]byte("ab"))
	out := enc.Finish()
	if len(out) != 40 {
		t.Fatalf("Finish returned %d bytes, want the buffer's 40", len(out))
	}
	dec := marshal.NewDec(out)
	if dec.GetInt() != 7 || dec.GetInt32() != 0xdeadbeef {
		t.Fatal("int round trip failed")
	}
	if xs := dec.GetInts(2); len(xs) != 2 || xs[0] != 1 || xs[1] != 2 {
		t.Fatalf("GetInts = %v", xs)
	}
	if !dec.GetBool() || !bytes.Equal(dec.GetBytes(2), []byte("ab")) {
		t.Fatal("bool/bytes round trip failed")
	}
	// Copies share the offset, as in Goose's package.
	e2 := marshal.NewEncFromSlice(make([]byte, 16))
	cp := e2
	cp.PutInt(1)
	e2.PutInt(2)
	d2 := marshal.NewDec(e2.Finish())
	if d2.GetInt() != 1 || d2.GetInt() != 2 {
		t.Fatal("copies of an Enc must share the offset")
	}
}

func TestMarshalOverflowPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("PutBytes past the end must panic")
		}
	}()
	marshal.NewEnc(2).PutBytes([]byte("abc"))
}

func TestSpawnAndWait(t *testing.T) {
	var mu sync.Mutex
	n := 0
	for i := 0; i < 4; i++ {
		machine.Spawn(func() {
			mu.Lock()
			n++
			mu.Unlock()
		})
	}
	machine.WaitForAllThreads()
	if n != 4 {
		t.Fatalf("%d goroutines ran before WaitForAllThreads returned, want 4", n)
	}
}
