// Package builds makes a ctr.Counter itself, not built with its lock (a nil mutex, and no
// lock invariant established), and hands it to ctr: every call into ctr is unknown.
//
// EXPECT unknown makes a value of type ctr.Counter
package builds

import "armada/tests/verify/multipkg/counter/ctr"

//@ ensures true
func Forge() uint64 {
	c := &ctr.Counter{}
	return c.Add()
}
