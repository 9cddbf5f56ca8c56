// Package bytesnilindex is a verifier test: a nil byte slice has length 0, so index 0 is out of range.
//
// EXPECT fail safety at line 12
package bytesnilindex

//@ ensures ret == 0
func first(use bool) byte {
	var b []byte
	if !use {
		return uint8(len(b))
	}
	return b[0]
}
