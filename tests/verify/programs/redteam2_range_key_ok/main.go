// Package rt2rangekeyok is a verifier test: a range loop's invariant names the key of a
// range over a slice or an integer as the number of iterations done (0 before the first,
// the length once the loop ends), as the docs say.
//
// EXPECT verified
package rt2rangekeyok

//@ requires len(s) < 100
//@ ensures ret == uint64(len(s))
func count(s []uint64) uint64 {
	n := uint64(0)
	for i := range s {
		//@ invariant n == uint64(i) && uint64(i) <= uint64(len(s))
		_ = i // the iteration count, named for the invariant
		n = n + 1
	}
	return n
}

//@ ensures ret == 45
func sum() uint64 {
	t := uint64(0)
	for i := range uint64(10) {
		//@ invariant i <= 10 && t == i*(i-1)/2
		t = t + i
	}
	return t
}
