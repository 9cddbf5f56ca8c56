// Package mapstructregistry is a verifier test: a map whose values are structs, written,
// read (a missing key reads the zero struct), updated through a copy, and deleted.
//
// EXPECT verified
package mapstructregistry

// Rec is one registered record.
type Rec struct {
	Name string
	N    uint64
	Tags []uint64
}

//@ ensures ret == 7
func roundtrip() uint64 {
	m := make(map[uint64]Rec)
	m[1] = Rec{Name: "a", N: 7}
	r := m[1]
	return r.N
}

//@ ensures ret
func missing() bool {
	m := make(map[uint64]Rec)
	m[1] = Rec{Name: "a", N: 7}
	r, ok := m[2]
	return !ok && r.N == 0 && r.Name == "" && len(r.Tags) == 0
}

//@ ensures ret == 8
func bump() uint64 {
	m := make(map[uint64]Rec)
	m[1] = Rec{Name: "a", N: 7}
	r := m[1]
	r.N = r.N + 1
	m[1] = r
	return m[1].N
}

//@ ensures ret == 1
func remove() uint64 {
	m := make(map[uint64]Rec)
	m[1] = Rec{Name: "a", N: 7}
	m[2] = Rec{Name: "b", N: 9}
	delete(m, 1)
	return uint64(len(m))
}
