// Package strsuffixwrong is a verifier test: a string slice past the end is caught, and a
// postcondition about the wrong byte fails.
//
// EXPECT fail safety at line 11
// EXPECT fail postcondition at line 17
// EXPECT fail postcondition at line 23
package strsuffixwrong

//@ requires len(name) >= 4
func dropUser(name string) string {
	return name[5:]
}

//@ requires len(s) >= 2
//@ ensures ret[0] == s[1]
func head2(s string) string {
	return s[:2]
}

//@ requires len(s) >= 2
//@ ensures ret == s[1:]
func rest(s string) string {
	return s[2:]
}
