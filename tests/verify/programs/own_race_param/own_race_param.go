// Package ownraceparam is a verifier test: own race param.
//
// EXPECT fail race at line 11
package ownraceparam

type Cell struct {
	v uint64
}

func set(c *Cell) {
	c.v = 1
}
