// Package ownaccparam is a verifier test: own acc param.
//
// EXPECT verified
package ownaccparam

type Cell struct {
	v uint64
}

//@ requires acc(c) && c.v < 100
//@ ensures acc(c) && c.v == old(c.v) + 1
func incr(c *Cell) {
	c.v = c.v + 1
}

//@ ensures ret == 3
func twice() uint64 {
	c := &Cell{v: 1}
	incr(c)
	incr(c)
	return c.v
}
