// Package bytessubsliceindexpast is a verifier test: index 4 of a 4-byte sub-slice is out of bounds even
// though the parent is longer.
//
// EXPECT fail safety at line 10
package bytessubsliceindexpast

//@ requires len(b) >= 10
func mid(b []byte) byte {
	w := b[2:6]
	return w[4]
}
