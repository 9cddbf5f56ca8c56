// Package callsfield calls a function whose contract names a field of its package, which a
// caller elsewhere cannot see: unknown.
//
// EXPECT unknown cannot see
package callsfield

import "armada/tests/verify/multipkg/unknown/plain"

//@ requires b != nil
//@ ensures true
func Use(b *plain.Box) uint64 {
	return plain.Peek(b)
}
