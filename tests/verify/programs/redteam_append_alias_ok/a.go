// Package rtappendaliasok is a verifier test: the twin of redteam_append_alias that uses
// only append's result.
//
// EXPECT verified
package rtappendaliasok

type Box struct {
	items []uint64
}

//@ ensures ret == 7
func viaField() uint64 {
	s := make([]uint64, 10)
	s = s[:1]
	b := &Box{items: s}
	u := b.items
	t := append(u, 7)
	t[0] = 5
	return t[1] + t[0] - 5
}

//@ ensures ret == 5
func viaMap() uint64 {
	s := make([]uint64, 10)
	s = s[:1]
	m := make(map[uint64][]uint64)
	m[3] = s
	t := append(m[3], 7)
	m[3] = t
	t[0] = 5
	return m[3][0]
}

//@ ensures ret == 9
func twoArrays() uint64 {
	s := make([]uint64, 2)
	r := make([]uint64, 2)
	b := &Box{items: r}
	t := append(b.items, 1)
	s[0] = 9
	return s[0] + t[0]
}
