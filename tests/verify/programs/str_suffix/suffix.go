// Package strsuffix is a verifier test: slicing a string keeps the bytes it names.
//
// EXPECT verified
package strsuffix

//@ requires len(name) >= 5
//@ ensures len(ret) == len(name) - 5 && (len(ret) > 0 ==> ret[0] == name[5])
func dropUser(name string) string {
	return name[5:]
}

//@ requires len(s) >= 2
//@ ensures len(ret) == 2 && ret[1] == s[1]
func head2(s string) string {
	return s[:2]
}

//@ requires len(s) >= 2
//@ ensures ret == s[2:] && len(ret) + 2 == len(s)
func rest(s string) string {
	return s[2:]
}
