// Package rangemapok is a verifier test: range map ok.
//
// EXPECT verified
package rangemapok

// Every value in the map is below 10, so the largest one is.
//@ requires acc(m) && forall k uint64 :: m[k] < 10
//@ ensures ret < 10
func largest(m map[uint64]uint64) uint64 {
	var best uint64 = 0
	for _, v := range m {
		//@ invariant best < 10
		if v > best {
			best = v
		}
	}
	return best
}
