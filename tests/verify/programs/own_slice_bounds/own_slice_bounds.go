// Package ownslicebounds is a verifier test: own slice bounds.
//
// EXPECT fail safety at line 8
package ownslicebounds

func oob() {
	s := make([]uint64, 3)
	s[3] = 1
}
