package main

import (
	"sync"

	"github.com/goose-lang/goose/machine"
)

// A header of two little-endian uint32 fields and a uint64, written and read back with
// Goose's machine primitives; the reader sleeps and marks a linearization point under a lock.
func packHeader(kind uint32, n uint32, total uint64) []byte {
	b := make([]byte, 16)
	machine.UInt32Put(b, kind)
	machine.UInt32Put(b[4:], n)
	machine.UInt64Put(b[8:], total)
	return b
}

func Run() (uint32, uint32, uint64, byte, uint64) {
	b := packHeader(0xA1B2C3D4, 7, 1<<40+3)
	mu := new(sync.Mutex)
	count := uint64(0)
	mu.Lock()
	machine.Sleep(1000)
	count += uint64(machine.UInt32Get(b[4:8]))
	machine.Linearize()
	mu.Unlock()
	return machine.UInt32Get(b), machine.UInt32Get(b[4:]), machine.UInt64Get(b[8:]), b[0], count
}
