// Package enc encodes and decodes fixed-layout records in byte slices (a disk block, a
// log entry): little-endian uint64s and runs of bytes at offsets the caller names.
//
// Every function takes the offset explicitly and works on the slice it is given, so a
// record's layout is a table of constants (`const hdrCount = 0; const hdrAddr = 8`) and
// each field is one call:
//
//	h := make([]byte, disk.BlockSize)
//	enc.Put64(h, hdrCount, n)
//	enc.Put64(h, hdrAddr, a)
//	...
//	n := enc.Get64(h, hdrCount)
//
// Out-of-range offsets panic with a message naming the call, the offset and the length;
// the verifier proves verified code never gets there (each precondition below is a safety
// obligation at the call). Offsets and lengths are compared without wrapping, so a huge
// offset is out of range rather than wrapping around.
package enc

import (
	"encoding/binary"
	"fmt"
)

// Get64 returns the little-endian uint64 in b[off:off+8]; it panics unless off+8 <= len(b).
func Get64(b []byte, off uint64) uint64 {
	check("Get64", b, off, 8)
	return binary.LittleEndian.Uint64(b[off : off+8])
}

// Put64 writes x little-endian into b[off:off+8] (b's own array: the caller sees it); it
// panics unless off+8 <= len(b).
func Put64(b []byte, off uint64, x uint64) {
	check("Put64", b, off, 8)
	binary.LittleEndian.PutUint64(b[off:off+8], x)
}

// GetBytes returns a copy of b[off:off+n]; it panics unless off+n <= len(b).
func GetBytes(b []byte, off uint64, n uint64) []byte {
	check("GetBytes", b, off, n)
	out := make([]byte, n)
	copy(out, b[off:off+n])
	return out
}

// PutBytes copies v into b[off:off+len(v)] (b's own array: the caller sees it); it panics
// unless off+len(v) <= len(b).
func PutBytes(b []byte, off uint64, v []byte) {
	check("PutBytes", b, off, uint64(len(v)))
	copy(b[off:], v)
}

// Append64 appends x, little-endian, to b and returns the extended slice, as append does
// (write `b = enc.Append64(b, x)`).
func Append64(b []byte, x uint64) []byte {
	return binary.LittleEndian.AppendUint64(b, x)
}

func check(op string, b []byte, off uint64, n uint64) {
	l := uint64(len(b))
	if off > l || n > l-off {
		panic(fmt.Sprintf("enc.%s: %d bytes at offset %d of a slice of %d bytes: past its end",
			op, n, off, l))
	}
}
