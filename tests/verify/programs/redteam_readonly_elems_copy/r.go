// Package rtreadonlyelemscopy is a verifier test: elements of a slice in a read-only field
// are read-only only if nothing in the package writes elements of their type, and copy and
// append write them too (append into its argument's array when it has spare capacity). Run
// reads items[0] twice while fill copies into it; the two reads may differ in Go (a data
// race); it was proved (only s[i] = v counted as a write). Since building T freezes the
// array (frozen.py: nothing writes through T.items), the builder no longer owns it, and
// lending it to fill is what fails.
//
// EXPECT fail precondition at line 27
// EXPECT fail precondition at line 47
package rtreadonlyelemscopy

// T holds items it never replaces.
type T struct {
	items []uint64
}

//@ requires len(s) >= 1 && (forall i uint64 :: i < len(s) ==> acc(s[i]))
func fill(s []uint64) {
	copy(s, s[1:])
}

//@ ensures ret
func Run() bool {
	s := make([]uint64, 4)
	t := &T{items: s}
	go fill(s)
	v1 := t.items[0]
	v2 := t.items[0]
	return v1 == v2
}

// U holds counts it never replaces.
type U struct {
	counts []uint32
}

//@ requires len(s) >= 1 && (forall i uint64 :: i < len(s) ==> acc(s[i]))
func grow(s []uint32) {
	_ = append(s[:1], 7)
}

//@ ensures ret
func Run2() bool {
	s := make([]uint32, 4)
	u := &U{counts: s}
	go grow(s)
	v1 := u.counts[1]
	v2 := u.counts[1]
	return v1 == v2
}
