// Package seqdivzero is a verifier test: seq div zero.
//
// EXPECT fail safety at line 7
package seqdivzero

func div(a uint64, b uint64) uint64 {
	return a / b
}
