// Package primsnoopswrong is a verifier test: a pause does not make a wrapped sum right.
//
// EXPECT fail postcondition at line 12
package primsnoopswrong

import "armada/goose/machine/prims"

//@ ensures ret > x
func bump(x uint64) uint64 {
	prims.Sleep(x)
	prims.Linearize()
	return x + 1
}
