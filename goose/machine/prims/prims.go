// Package prims holds the primitive helpers that verified Goose code may call: random
// numbers, decimal formatting, little-endian encoding of uint64 and uint32 values, and two
// that change no state (Linearize, a marker for proofs, and Sleep).
package prims

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
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

// UInt32Get decodes the little-endian uint32 in the first 4 bytes of b; it panics if
// len(b) < 4.
func UInt32Get(b []byte) uint32 {
	checkN("UInt32Get", b, 4)
	return binary.LittleEndian.Uint32(b)
}

// UInt32Put encodes x little-endian into the first 4 bytes of b; it panics if len(b) < 4.
func UInt32Put(b []byte, x uint32) {
	checkN("UInt32Put", b, 4)
	binary.LittleEndian.PutUint32(b, x)
}

// Linearize does nothing: in Goose it marks where a proof linearizes an operation.
func Linearize() {}

// Sleep pauses the calling goroutine for ns nanoseconds; no state changes.
func Sleep(ns uint64) { time.Sleep(time.Duration(ns)) }

func check(op string, b []byte) { checkN(op, b, 8) }

func checkN(op string, b []byte, n int) {
	if len(b) < n {
		panic(fmt.Sprintf("prims.%s: slice of %d bytes; need at least %d", op, len(b), n))
	}
}
