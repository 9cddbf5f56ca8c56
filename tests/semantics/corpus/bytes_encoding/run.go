package main

import "armada/goose/machine/prims"

// Run encodes a fixed-layout record in a block-sized buffer (a uint64 at 0, a length at 8,
// bytes at 16), decodes it back by hand and with prims, and returns what it read.
func Run() (uint64, uint64, []byte, byte, uint64, string, bool, uint64) {
	b := make([]byte, 4096)
	prims.UInt64Put(b, 0x0102030405060708)
	prims.UInt64Put(b[8:], 3)
	copy(b[16:], []byte("abc"))
	// By hand, little-endian.
	var x uint64
	for i := uint64(0); i < 8; i++ {
		x = x | uint64(b[i])<<(8*i)
	}
	n := prims.UInt64Get(b[8:16])
	data := b[16 : 16+n]
	low := byte(x & 0xff)
	hi := (x >> 56) & 0xff
	b[4095] = byte(x >> 8)
	c := append([]byte{}, b[4090:]...)
	same := string(c[:5]) == string(make([]byte, 5))
	return x, n, data, low, hi, string(data), same, uint64(c[5])
}
