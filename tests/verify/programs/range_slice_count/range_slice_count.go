// Package rangeslicecount is a verifier test: range slice count.
//
// EXPECT verified
package rangeslicecount

//@ requires acc(s)
//@ ensures ret == len(s)
func count(s []uint64) uint64 {
	var n uint64 = 0
	for i := range s {
		//@ invariant n == i && i <= len(s)
		n = uint64(i) + 1
	}
	return n
}
