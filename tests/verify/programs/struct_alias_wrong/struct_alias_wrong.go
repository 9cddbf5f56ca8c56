// Package structaliaswrong is a verifier test: struct alias wrong.
//
// EXPECT fail postcondition at line 15
package structaliaswrong

type Counter struct {
	n uint64
}

//@ ensures ret == 1
func stale() uint64 {
	c := Counter{n: 1}
	p := &c
	p.n = 2
	return c.n
}
