// Package rangeintcount is a verifier test: range int count.
//
// EXPECT verified
package rangeintcount

//@ ensures ret == n
func count(n uint64) uint64 {
	var c uint64 = 0
	for i := range n {
		//@ invariant c == i && i <= n
		c = i + 1
	}
	return c
}
