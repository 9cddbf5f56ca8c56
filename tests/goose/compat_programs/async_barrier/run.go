package main

import (
	"github.com/goose-lang/goose/machine"
	"github.com/goose-lang/goose/machine/async_disk"
)

// The asynchronous disk: writes, a barrier, reads back.
func Run() (uint64, uint64) {
	b := make([]byte, async_disk.BlockSize)
	for a := uint64(0); a < async_disk.Size(); a++ {
		machine.UInt64Put(b, a*10)
		async_disk.Write(a, b)
	}
	async_disk.Barrier()
	return machine.UInt64Get(async_disk.Read(3)), async_disk.Size()
}
