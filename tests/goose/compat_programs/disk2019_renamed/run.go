package main

import (
	m "github.com/tchajed/goose/machine"
	d "github.com/tchajed/goose/machine/disk"
)

// The 2019 ambient disk under renamed imports.
func Run() (uint64, uint64) {
	blk := make(d.Block, d.BlockSize)
	m.UInt64Put(blk[8:], 77)
	d.Write(1, blk)
	got := d.Read(1)
	return m.UInt64Get(got[8:]), m.UInt64Get(got)
}
