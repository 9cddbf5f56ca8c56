// Package seqdivok is a verifier test: seq div ok.
//
// EXPECT verified
package seqdivok

//@ requires b != 0
//@ ensures ret <= a
func div(a uint64, b uint64) uint64 {
	return a / b
}
