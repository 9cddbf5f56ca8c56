package main

import "armada/goose/machine/prims"

// Run decodes a uint64 from 7 bytes: prims.UInt64Get panics in Go; the model calls it
// undefined (verified code never gets there).
func Run() uint64 {
	b := make([]byte, 7)
	return prims.UInt64Get(b)
}
