// Package encsubsliceput is a verifier test: enc writes through a sub-slice of a local into
// the local's array (offsets add up: b[8:] at 4 is b at 12), and a GetBytes copy does not
// alias the record (writing the copy leaves the record alone).
//
// EXPECT verified
package encsubsliceput

import "armada/goose/machine/enc"

//@ ensures len(ret) == 32 && enc.Get64(ret, 12) == x && enc.Get64(ret, 0) == 0 && ret[20] == 0
func build(x uint64) []byte {
	b := make([]byte, 32)
	enc.Put64(b[8:], 4, x)
	c := enc.GetBytes(b, 16, 8)
	c[4] = 9
	enc.PutBytes(c, 0, []byte("ab"))
	return b
}
