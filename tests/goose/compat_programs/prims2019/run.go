package main

import "github.com/tchajed/goose/machine"

// The 2019 machine package's primitives: little-endian encoding and decimal strings.
func Run() (uint64, uint64, string, byte, byte) {
	b := make([]byte, 16)
	machine.UInt64Put(b, 0x0102030405060708)
	machine.UInt64Put(b[8:], 7)
	return machine.UInt64Get(b), machine.UInt64Get(b[8:]), machine.UInt64ToString(12345), b[0], b[7]
}
