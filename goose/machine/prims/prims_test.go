package prims

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

func TestUInt64ToString(t *testing.T) {
	tests := []struct {
		x    uint64
		want string
	}{
		{0, "0"},
		{7, "7"},
		{1234567890, "1234567890"},
		{1<<64 - 1, "18446744073709551615"},
	}
	for _, tt := range tests {
		if got := UInt64ToString(tt.x); got != tt.want {
			t.Errorf("UInt64ToString(%d) = %q, want %q", tt.x, got, tt.want)
		}
	}
}

func TestUInt64GetPut(t *testing.T) {
	tests := []struct {
		x     uint64
		bytes []byte
	}{
		{0, []byte{0, 0, 0, 0, 0, 0, 0, 0}},
		{1, []byte{1, 0, 0, 0, 0, 0, 0, 0}},
		{0x0102030405060708, []byte{8, 7, 6, 5, 4, 3, 2, 1}},
		{1<<64 - 1, []byte{255, 255, 255, 255, 255, 255, 255, 255}},
	}
	for _, tt := range tests {
		b := make([]byte, 10)
		b[8], b[9] = 0xee, 0xee
		UInt64Put(b, tt.x)
		if !bytes.Equal(b[:8], tt.bytes) || b[8] != 0xee || b[9] != 0xee {
			t.Errorf("UInt64Put(%#x) wrote %v, want %v and the rest untouched", tt.x, b, tt.bytes)
		}
		if got := UInt64Get(b); got != tt.x {
			t.Errorf("UInt64Get(%v) = %#x, want %#x", b, got, tt.x)
		}
	}
}

func TestShortSlicePanics(t *testing.T) {
	expectPanic(t, "UInt64Get: slice of 7 bytes", func() { UInt64Get(make([]byte, 7)) })
	expectPanic(t, "UInt64Put: slice of 0 bytes", func() { UInt64Put(nil, 1) })
}

func TestRandomUint64(t *testing.T) {
	var mu sync.Mutex
	seen := map[uint64]bool{}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				x := RandomUint64()
				mu.Lock()
				seen[x] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) < 790 { // 800 draws from 2^64 values: a collision is astronomically unlikely
		t.Fatalf("only %d distinct values in 800 draws", len(seen))
	}
}
