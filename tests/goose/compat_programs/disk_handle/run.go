package main

import (
	"github.com/goose-lang/primitive"
	"github.com/goose-lang/primitive/disk"
)

type Log struct {
	d disk.Disk
}

// A disk.Disk handle kept in a struct: its methods are the machine's one disk.
func Run() (uint64, uint64, uint64) {
	l := &Log{d: disk.Get()}
	b := make([]byte, disk.BlockSize)
	primitive.UInt64Put(b, 42)
	l.d.Write(2, b)
	l.d.Barrier()
	c := disk.Read(2)
	return primitive.UInt64Get(c), l.d.Size(), primitive.UInt64Get(l.d.Read(1))
}
