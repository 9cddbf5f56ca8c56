// Package encdecodewrongoffset is a verifier test: the record's length field is at offset 8
// (after a magic number at 0), and the decoder reads offset 0.
//
// EXPECT fail postcondition at line 19
package encdecodewrongoffset

import "armada/goose/machine/enc"

const (
	offMagic uint64 = 0
	offLen   uint64 = 8
)

// length is the record's length field.
//
//@ requires len(r) >= 16
//@ ensures ret == enc.Get64(r, offLen)
func length(r []byte) uint64 {
	return enc.Get64(r, offMagic)
}
