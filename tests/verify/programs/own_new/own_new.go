// Package ownnew is a verifier test: own new.
//
// EXPECT verified
package ownnew

type Cell struct {
	v uint64
}

//@ ensures ret == 5
func fresh() uint64 {
	c := &Cell{v: 1}
	c.v = 5
	return c.v
}
