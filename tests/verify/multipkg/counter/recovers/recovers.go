// Package recovers calls ctr's recovery from an ordinary function: recovery runs once per
// crash, from this package's own recovery only.
//
// EXPECT fail refinement at line 11
package recovers

import "armada/tests/verify/multipkg/counter/ctr"

//@ ensures true
func Reset() uint64 {
	c := ctr.Recover()
	return c.Add()
}
