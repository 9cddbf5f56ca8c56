// Package encoffbyone is a verifier test: three uint64 fields in a 24-byte record, the last
// one put at offset 17 instead of 16, which runs one byte past the end (enc.Put64 panics).
//
// EXPECT fail safety at line 14
package encoffbyone

import "armada/goose/machine/enc"

//@ ensures len(ret) == 24
func record(a uint64, b uint64, c uint64) []byte {
	r := make([]byte, 24)
	enc.Put64(r, 0, a)
	enc.Put64(r, 8, b)
	enc.Put64(r, 17, c)
	return r
}
