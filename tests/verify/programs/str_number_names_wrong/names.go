// Package strnumbernameswrong is a verifier test: a number below 100 may have two digits,
// and 20 zeros cannot pad a name past 20 digits.
//
// EXPECT fail postcondition at line 13
// EXPECT fail safety at line 18
package strnumbernameswrong

import "armada/goose/machine/prims"

//@ requires x < 100
//@ ensures len(ret) == 1
func small(x uint64) string {
	return prims.UInt64ToString(x)
}

func name(seq uint64) string {
	var zeros string = "0000000000000000000"
	return zeros[len(prims.UInt64ToString(seq)):]
}
