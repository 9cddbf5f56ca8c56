// Package mapsetget is a verifier test: map set get.
//
// EXPECT verified
package mapsetget

//@ ensures ret == 7
func roundTrip() uint64 {
	m := make(map[uint64]uint64)
	m[3] = 7
	m[4] = 9
	delete(m, 4)
	_, ok := m[4]
	if ok {
		return 0
	}
	return m[3]
}
