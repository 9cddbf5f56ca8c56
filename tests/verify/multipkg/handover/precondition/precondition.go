// Package precondition calls fill.Double with an argument its precondition does not allow.
//
// EXPECT fail precondition at line 10
package precondition

import "armada/tests/verify/multipkg/handover/fill"

//@ ensures true
func Twice(x uint64) uint64 {
	return fill.Double(x)
}
