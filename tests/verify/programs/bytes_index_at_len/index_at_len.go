// Package indexatlen is a verifier test: reading b[len(b)], one past the last byte.
//
// EXPECT fail safety at line 8
package indexatlen

//@ requires len(b) > 0
func last(b []byte) byte {
	return b[len(b)]
}
