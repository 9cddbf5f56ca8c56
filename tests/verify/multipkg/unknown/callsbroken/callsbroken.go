// Package callsbroken calls a function of a package that does not verify: unknown.
//
// EXPECT unknown does not verify
package callsbroken

import "armada/tests/verify/multipkg/unknown/broken"

//@ ensures ret == 1
func Use() uint64 {
	return broken.One()
}
