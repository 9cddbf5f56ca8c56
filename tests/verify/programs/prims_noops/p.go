// Package primsnoops is a verifier test: prims.Linearize and prims.Sleep change no state.
//
// EXPECT verified
package primsnoops

import "armada/goose/machine/prims"

//@ requires x < 100
//@ ensures ret == x + 1
func bump(x uint64) uint64 {
	prims.Sleep(10)
	prims.Linearize()
	return x + 1
}
