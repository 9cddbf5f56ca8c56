// Package strcountdigits is a verifier test: a loop over a string's bytes with an index
// bounded by its invariant.
//
// EXPECT verified
package strcountdigits

//@ ensures ret <= uint64(len(s))
func digits(s string) uint64 {
	var n uint64 = 0
	var i uint64 = 0
	//@ invariant i <= uint64(len(s)) && n <= i
	for i < uint64(len(s)) {
		c := s[i]
		if c >= '0' && c <= '9' {
			n = n + 1
		}
		i = i + 1
	}
	return n
}
