// Package encappendorderwrong is a verifier test: an entry built with enc.Append64 whose
// fields are appended in the wrong order (the value first), so decoding the sequence number
// at offset 0 gives the value; and a record copied in with PutBytes at offset 4, decoded as
// if it were at 8.
//
// EXPECT fail postcondition at line 17
// EXPECT fail postcondition at line 25
package encappendorderwrong

import "armada/goose/machine/enc"

//@ ensures len(ret) == 16 && enc.Get64(ret, 0) == seq && enc.Get64(ret, 8) == v
func entry(seq uint64, v uint64) []byte {
	b := make([]byte, 0)
	b = enc.Append64(b, v)
	b = enc.Append64(b, seq)
	return b
}

//@ requires len(src) == 16
//@ ensures len(ret) == 24 && enc.Get64(ret, 8) == enc.Get64(src, 0)
func shifted(src []byte) []byte {
	b := make([]byte, 24)
	enc.PutBytes(b, 4, src)
	return b
}
