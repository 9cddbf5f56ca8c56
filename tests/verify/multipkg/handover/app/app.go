// Package app calls package fill through its contracts: what it hands over comes back when
// the contract says so, and a result is what the contract promises.
//
// EXPECT verified
package app

import "armada/tests/verify/multipkg/handover/fill"

//@ ensures ret == 10
func Ten() uint64 {
	return fill.Double(5)
}

//@ ensures true
func Use() uint64 {
	s := make([]uint64, 2)
	fill.First(s, 7)
	return s[1]
}

//@ requires x < 100
//@ ensures ret < 100
func Less(x uint64) uint64 {
	return fill.Half(x)
}
