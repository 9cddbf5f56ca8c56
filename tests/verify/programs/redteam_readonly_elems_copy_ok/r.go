// Package rtreadonlyelemscopyok is a verifier test: the twin of redteam_readonly_elems_copy
// whose copies and appends write slices of another element type, so the read-only field's
// elements stay readable without ownership.
//
// EXPECT verified
package rtreadonlyelemscopyok

// T holds items it never replaces.
type T struct {
	items []uint64
}

//@ requires len(s) >= 1 && (forall i uint64 :: i < len(s) ==> acc(s[i]))
func fill(s []uint32) {
	copy(s, s[1:])
	_ = append(s[:1], 7)
}

//@ ensures ret
func Run() bool {
	s := make([]uint64, 4)
	t := &T{items: s}
	r := make([]uint32, 4)
	go fill(r)
	v1 := t.items[0]
	v2 := t.items[0]
	return v1 == v2
}
