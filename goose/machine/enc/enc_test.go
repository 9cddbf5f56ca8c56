package enc

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
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

func TestPutGet64(t *testing.T) {
	b := make([]byte, 24)
	Put64(b, 0, 1)
	Put64(b, 8, 0x0102030405060708)
	Put64(b, 16, 1<<64-1)
	want := []byte{1, 0, 0, 0, 0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1,
		255, 255, 255, 255, 255, 255, 255, 255}
	if !bytes.Equal(b, want) {
		t.Fatalf("bytes %v, want %v (little-endian at offsets 0, 8, 16)", b, want)
	}
	for off, x := range map[uint64]uint64{0: 1, 8: 0x0102030405060708, 16: 1<<64 - 1} {
		if got := Get64(b, off); got != x {
			t.Errorf("Get64(b, %d) = %#x, want %#x", off, got, x)
		}
	}
	// an unaligned offset straddles two fields
	if got := Get64(b, 4); got != 0x0506070800000000 {
		t.Errorf("Get64(b, 4) = %#x", got)
	}
}

func TestPutWritesCallersArray(t *testing.T) {
	b := make([]byte, 16)
	c := b[8:]
	Put64(c, 0, 42)
	if Get64(b, 8) != 42 {
		t.Fatal("Put64 into a sub-slice did not reach the array")
	}
	PutBytes(b, 1, []byte{9, 9})
	if b[1] != 9 || b[2] != 9 || b[0] != 0 || b[3] != 0 {
		t.Fatalf("PutBytes wrote %v", b[:4])
	}
}

func TestGetBytesCopies(t *testing.T) {
	b := []byte{1, 2, 3, 4, 5}
	g := GetBytes(b, 1, 3)
	if !bytes.Equal(g, []byte{2, 3, 4}) {
		t.Fatalf("GetBytes = %v", g)
	}
	g[0] = 99
	if b[1] != 2 {
		t.Fatal("GetBytes returned an alias of the record")
	}
	if len(GetBytes(b, 5, 0)) != 0 {
		t.Fatal("GetBytes of 0 bytes at the end")
	}
}

func TestAppend64(t *testing.T) {
	var b []byte
	b = Append64(b, 7)
	b = append(b, 0xAA)
	b = Append64(b, 1<<63)
	if len(b) != 17 || Get64(b, 0) != 7 || b[8] != 0xAA || Get64(b, 9) != 1<<63 {
		t.Fatalf("Append64 built %v", b)
	}
}

func TestBounds(t *testing.T) {
	b := make([]byte, 16)
	Put64(b, 8, 1) // the last 8 bytes: fine
	_ = Get64(b, 8)
	PutBytes(b, 16, nil)
	expectPanic(t, "enc.Put64: 8 bytes at offset 9 of a slice of 16 bytes", func() { Put64(b, 9, 1) })
	expectPanic(t, "enc.Get64: 8 bytes at offset 16", func() { Get64(b, 16) })
	expectPanic(t, "enc.GetBytes: 5 bytes at offset 12", func() { GetBytes(b, 12, 5) })
	expectPanic(t, "enc.PutBytes: 2 bytes at offset 15", func() { PutBytes(b, 15, []byte{1, 2}) })
	// offsets that would wrap around are out of range, not wrapped
	expectPanic(t, "enc.Get64", func() { Get64(b, 1<<64-4) })
	expectPanic(t, "enc.GetBytes", func() { GetBytes(b, 8, 1<<64-4) })
	expectPanic(t, "enc.Get64", func() { Get64(nil, 0) })
}

func TestConcurrentDisjointFields(t *testing.T) {
	// goroutines writing different fields of one record do not race
	b := make([]byte, 8*8)
	var wg sync.WaitGroup
	for i := uint64(0); i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			Put64(b, 8*i, i*i)
		}()
	}
	wg.Wait()
	for i := uint64(0); i < 8; i++ {
		if Get64(b, 8*i) != i*i {
			t.Fatalf("field %d = %d", i, Get64(b, 8*i))
		}
	}
}
