// Package rtappendalias is a verifier test: append may write into its argument's array
// (here it has capacity 10), so the old slice may not be used after it, even when append
// got the slice by another route (a field, a map) than the local that owns the array.
// viaField returns 5 in Go; it was proved to return 0 (append dropped only the permission
// spelled like its argument).
//
// EXPECT fail race at line 22
// EXPECT fail race at line 33
package rtappendalias

type Box struct {
	items []uint64
}

//@ ensures ret == 0
func viaField() uint64 {
	s := make([]uint64, 10)
	s = s[:1]
	b := &Box{items: s}
	u := b.items
	t := append(u, 7)
	s[0] = 5
	return t[0]
}

//@ ensures ret == 0
func viaMap() uint64 {
	s := make([]uint64, 10)
	s = s[:1]
	m := make(map[uint64][]uint64)
	m[3] = s
	t := append(m[3], 7)
	s[0] = 5
	return t[0]
}
