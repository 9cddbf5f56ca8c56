// Package rangemapwrite is a verifier test: range map write.
//
// EXPECT fail safety at line 9
package rangemapwrite

//@ requires acc(m)
func clear(m map[uint64]uint64) {
	for k := range m {
		delete(m, k)
	}
}
