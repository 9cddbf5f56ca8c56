// Package owngohandover is a verifier test: own go handover.
//
// EXPECT fail race at line 18
package owngohandover

type Cell struct {
	v uint64
}

//@ requires acc(c)
func worker(c *Cell) {
	c.v = 2
}

func spawn() {
	c := &Cell{v: 1}
	go worker(c)
	c.v = 3
}
