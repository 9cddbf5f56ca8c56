// Package strpad is a verifier test: slicing a constant and concatenating gives a string of
// a known length (the padding of a fixed-width number).
//
// EXPECT verified
package strpad

//@ requires len(digits) <= 8
//@ ensures len(ret) == 11
func padded(digits string) string {
	var zeros string = "00000000"
	return "id" + zeros[len(digits):] + digits + "."
}
