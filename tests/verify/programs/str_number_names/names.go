// Package strnumbernames is a verifier test: prims.UInt64ToString gives as many decimal
// digits as the number has, so fixed-width names can be built from it.
//
// EXPECT verified
package strnumbernames

import "armada/goose/machine/prims"

//@ ensures len(ret) == 23
func name(seq uint64) string {
	digits := prims.UInt64ToString(seq)
	var zeros string = "00000000000000000000"
	return "msg" + zeros[len(digits):] + digits
}

//@ requires x < 10
//@ ensures len(ret) == 1 && ret[0] >= 48 && ret[0] <= 57
func small(x uint64) string {
	return prims.UInt64ToString(x)
}

//@ requires x >= 1000 && x < 10000
//@ ensures len(ret) == 4
func four(x uint64) string {
	return prims.UInt64ToString(x)
}
