// Package strcountdigitswrong is a verifier test: a loop that reads one byte past the
// string (<= instead of <) is caught at the read.
//
// EXPECT fail safety at line 13
package strcountdigitswrong

//@ ensures ret <= uint64(len(s)) + 1
func digits(s string) uint64 {
	var n uint64 = 0
	var i uint64 = 0
	//@ invariant i <= uint64(len(s)) + 1 && n <= i
	for i <= uint64(len(s)) {
		c := s[i]
		if c >= '0' && c <= '9' {
			n = n + 1
		}
		i = i + 1
	}
	return n
}
