// Package loopnestedrange is a verifier test: loop nested range.
//
// EXPECT fail postcondition at line 16
package loopnestedrange

// The inner range loop changes n, so after the outer loop n is not known to be 0.
//@ requires acc(s)
//@ ensures ret == 0
func f(s []uint64, k uint64) uint64 {
	var n uint64 = 0
	for i := uint64(0); i < k; i++ {
		for _, x := range s {
			n = x
		}
	}
	return n
}
