// Package calls calls an unannotated function of another package: unknown.
//
// EXPECT unknown has no contract
package calls

import "armada/tests/verify/multipkg/unknown/plain"

//@ ensures true
func Use() uint64 {
	return plain.Size()
}
