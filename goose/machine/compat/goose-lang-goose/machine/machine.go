// Package machine is goose-lang's machine package (github.com/goose-lang/goose/machine), mapped onto Armada's machine library
// (armada/goose/machine/prims): Armada's front end reads calls of these functions as calls of
// prims.
package machine

import (
	"armada/goose/machine/prims"
)

// RandomUint64 returns a uniformly random uint64.
func RandomUint64() uint64 { return prims.RandomUint64() }

// UInt64ToString returns the decimal representation of x.
func UInt64ToString(x uint64) string { return prims.UInt64ToString(x) }

// UInt64Get decodes the little-endian uint64 in the first 8 bytes of p.
func UInt64Get(p []byte) uint64 { return prims.UInt64Get(p) }

// UInt64Put encodes n little-endian into the first 8 bytes of p.
func UInt64Put(p []byte, n uint64) { prims.UInt64Put(p, n) }

// UInt32Get decodes the little-endian uint32 in the first 4 bytes of p.
func UInt32Get(p []byte) uint32 { return prims.UInt32Get(p) }

// UInt32Put encodes n little-endian into the first 4 bytes of p.
func UInt32Put(p []byte, n uint32) { prims.UInt32Put(p, n) }

// Linearize does nothing (a marker for Goose's proofs).
func Linearize() { prims.Linearize() }

// Sleep pauses for ns nanoseconds.
func Sleep(ns uint64) { prims.Sleep(ns) }

// MapClear deletes every key of m.
func MapClear[M ~map[K]V, K comparable, V any](m M) { clear(m) }
