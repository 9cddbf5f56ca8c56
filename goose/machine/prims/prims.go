// Package prims holds the primitive helpers that verified Goose code may call: random
// numbers, decimal formatting and little-endian encoding of uint64 values.
package prims

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strconv"
)

// RandomUint64 returns a uniformly random uint64. It is safe for concurrent use.
func RandomUint64() uint64 { return rand.Uint64() }

// UInt64ToString returns the decimal representation of x.
func UInt64ToString(x uint64) string { return strconv.FormatUint(x, 10) }

// UInt64Get decodes the little-endian uint64 in the first 8 bytes of b; it panics if
// len(b) < 8.
func UInt64Get(b []byte) uint64 {
	check("UInt64Get", b)
	return binary.LittleEndian.Uint64(b)
}

// UInt64Put encodes x little-endian into the first 8 bytes of b; it panics if len(b) < 8.
func UInt64Put(b []byte, x uint64) {
	check("UInt64Put", b)
	binary.LittleEndian.PutUint64(b, x)
}

func check(op string, b []byte) {
	if len(b) < 8 {
		panic(fmt.Sprintf("prims.%s: slice of %d bytes; need at least 8", op, len(b)))
	}
}
