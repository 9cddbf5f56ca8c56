// Package marshal is a fixed-layout encoder and decoder in the shape of Goose's marshal
// package: an Enc writes little-endian integers and byte strings into a buffer of fixed
// size, a Dec reads them back in the same order. It is written in the Goose subset on top
// of Armada's prims, so Armada's front end checks it like any other package and programs
// that import it are checked against its exported API.
//
// Enc and Dec are values whose copies share their buffer and offset (the offset lives in a
// heap cell), as in Goose's package: passing an Enc by value and encoding through the
// copy advances the original. Encoding past the end of the buffer panics.
package marshal

import "armada/goose/machine/prims"

// Enc encodes into a buffer of fixed size.
type Enc struct {
	b   []byte
	off *uint64
}

// NewEnc returns an encoder into a fresh zeroed buffer of sz bytes.
func NewEnc(sz uint64) Enc {
	return Enc{b: make([]byte, sz), off: new(uint64)}
}

// NewEncFromSlice returns an encoder that writes into b from its start.
func NewEncFromSlice(b []byte) Enc {
	return Enc{b: b, off: new(uint64)}
}

// PutInt appends x as 8 little-endian bytes.
func (enc Enc) PutInt(x uint64) {
	off := *enc.off
	prims.UInt64Put(enc.b[off:], x)
	*enc.off = off + 8
}

// PutInt32 appends x as 4 little-endian bytes.
func (enc Enc) PutInt32(x uint32) {
	off := *enc.off
	enc.b[off] = byte(x)
	enc.b[off+1] = byte(x >> 8)
	enc.b[off+2] = byte(x >> 16)
	enc.b[off+3] = byte(x >> 24)
	*enc.off = off + 4
}

// PutInts appends each of xs with PutInt.
func (enc Enc) PutInts(xs []uint64) {
	for _, x := range xs {
		enc.PutInt(x)
	}
}

// PutBytes appends the bytes of b; it panics if they do not fit.
func (enc Enc) PutBytes(b []byte) {
	off := *enc.off
	if uint64(len(enc.b))-off < uint64(len(b)) {
		panic("marshal: PutBytes past the end of the buffer")
	}
	copy(enc.b[off:], b)
	*enc.off = off + uint64(len(b))
}

// PutBool appends b as one byte (1 for true).
func (enc Enc) PutBool(b bool) {
	off := *enc.off
	if b {
		enc.b[off] = 1
	} else {
		enc.b[off] = 0
	}
	*enc.off = off + 1
}

// Finish returns the whole buffer (its fixed size, not just what was written).
func (enc Enc) Finish() []byte {
	return enc.b
}

// Dec decodes from a buffer.
type Dec struct {
	b   []byte
	off *uint64
}

// NewDec returns a decoder that reads b from its start.
func NewDec(b []byte) Dec {
	return Dec{b: b, off: new(uint64)}
}

// GetInt reads 8 little-endian bytes.
func (dec Dec) GetInt() uint64 {
	off := *dec.off
	*dec.off = off + 8
	return prims.UInt64Get(dec.b[off:])
}

// GetInt32 reads 4 little-endian bytes.
func (dec Dec) GetInt32() uint32 {
	off := *dec.off
	x := uint32(dec.b[off]) | uint32(dec.b[off+1])<<8 | uint32(dec.b[off+2])<<16 | uint32(dec.b[off+3])<<24
	*dec.off = off + 4
	return x
}

// GetInts reads num integers with GetInt.
func (dec Dec) GetInts(num uint64) []uint64 {
	var xs []uint64
	for i := uint64(0); i < num; i++ {
		xs = append(xs, dec.GetInt())
	}
	return xs
}

// GetBytes returns the next num bytes (sharing the buffer, as Goose's does).
func (dec Dec) GetBytes(num uint64) []byte {
	off := *dec.off
	b := dec.b[off : off+num]
	*dec.off = off + num
	return b
}

// GetBool reads one byte: true unless it is 0.
func (dec Dec) GetBool() bool {
	off := *dec.off
	*dec.off = off + 1
	return dec.b[off] != 0
}
