// Package fill is the callee package of a multi-package verifier test: contracts with
// ownership of slices and facts about results.
//
// EXPECT verified
package fill

// First sets s[0] to v (when s has an element) and gives s back.
//
//@ requires acc(s)
//@ ensures acc(s)
func First(s []uint64, v uint64) {
	if len(s) > 0 {
		s[0] = v
	}
}

// Keep takes s and never gives it back.
//
//@ requires acc(s)
//@ ensures true
func Keep(s []uint64) {
}

// Double returns 2x, for x below 2^32.
//
//@ requires x < 4294967296
//@ ensures ret == 2 * x
func Double(x uint64) uint64 {
	return x + x
}

// Half returns at most x.
//
//@ ensures ret <= x
func Half(x uint64) uint64 {
	return x / 2
}
