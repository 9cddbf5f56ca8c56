// Package appendoldalias is a verifier test: append old alias.
//
// EXPECT fail race at line 9
package appendoldalias

func alias() uint64 {
	s := make([]uint64, 1)
	t := append(s, 2)
	s[0] = 5
	return t[0]
}
