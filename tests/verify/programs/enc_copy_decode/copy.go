// Package enccopydecode is a verifier test: a 16-byte record copied into a block with
// enc.PutBytes decodes, field by field, to the source's fields (a uint64 copied in whole reads
// back whole), and the bytes around it stay as they were.
//
// EXPECT verified
package enccopydecode

import "armada/goose/machine/enc"

//@ requires len(src) == 16
//@ ensures len(ret) == 32 && enc.Get64(ret, 8) == enc.Get64(src, 0) && enc.Get64(ret, 16) == enc.Get64(src, 8)
//@ ensures enc.Get64(ret, 0) == 7 && enc.Get64(ret, 24) == 0
func place(src []byte) []byte {
	b := make([]byte, 32)
	enc.Put64(b, 0, 7)
	enc.PutBytes(b, 8, src)
	return b
}
