// Package keeps reads a slice after handing it to fill.Keep, whose contract keeps it.
//
// EXPECT fail race at line 12
package keeps

import "armada/tests/verify/multipkg/handover/fill"

//@ ensures true
func Lost() uint64 {
	s := make([]uint64, 2)
	fill.Keep(s)
	return s[0]
}
