// Package bytessubslicepastend is a verifier test: a sub-slice whose end is past the slice's length.
//
// EXPECT fail safety at line 10
package bytessubslicepastend

//@ requires len(b) == 8
//@ ensures len(ret) == 8
func window(b []byte) []byte {
	lo := uint64(4)
	return b[lo : lo+8]
}
