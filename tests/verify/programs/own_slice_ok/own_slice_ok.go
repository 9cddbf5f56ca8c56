// Package ownsliceok is a verifier test: own slice ok.
//
// EXPECT verified
package ownsliceok

//@ ensures ret == 7
func inb() uint64 {
	s := make([]uint64, 3)
	s[2] = 7
	return s[2]
}
