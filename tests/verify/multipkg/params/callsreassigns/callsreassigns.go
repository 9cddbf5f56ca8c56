// Package callsreassigns must not conclude that reassigns.Next(7) returns 7 (it returns 5):
// after the call the parameter Next assigns is unknown, so the postcondition fails.
//
// EXPECT fail postcondition at line 11
package callsreassigns

import "armada/tests/verify/multipkg/params/reassigns"

//@ ensures ret == 7
func Use() uint64 {
	return reassigns.Next(7)
}
