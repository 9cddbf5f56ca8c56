// Package broken is a callee package whose own proof fails: its callers are unknown.
//
// EXPECT fail postcondition at line 10
package broken

// One returns 1, it says.
//
//@ ensures ret == 1
func One() uint64 {
	return 2
}
