// Package bytesappendwronglen is a verifier test: appending a two-byte slice adds two, not one.
//
// EXPECT fail postcondition at line 12
package bytesappendwronglen

//@ requires len(c) == 2
//@ ensures len(ret) == len(a) + 1
func join(a []byte, c []byte) []byte {
	b := make([]byte, 0)
	b = append(b, a...)
	b = append(b, c...)
	return b
}
