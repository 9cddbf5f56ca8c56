// Package unpromised relies on what fill.Half does not promise (that it halves).
//
// EXPECT fail postcondition at line 10
package unpromised

import "armada/tests/verify/multipkg/handover/fill"

//@ ensures ret == x / 2
func Halve(x uint64) uint64 {
	return fill.Half(x)
}
