// Package strpadwrong is a verifier test: padding that cuts the constant at the wrong
// place is caught by its length, and one without the length bound by the slice's bounds.
//
// EXPECT fail safety at line 13
// EXPECT fail postcondition at line 13
// EXPECT fail safety at line 18
package strpadwrong

//@ requires len(digits) <= 8
//@ ensures len(ret) == 11
func padded(digits string) string {
	var zeros string = "00000000"
	return "id" + zeros[len(digits)+1:] + digits + "."
}

func unbounded(digits string) string {
	var zeros string = "00000000"
	return zeros[len(digits):] + digits
}
