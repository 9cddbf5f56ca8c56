// Package owngook is a verifier test: own go ok.
//
// EXPECT verified
package owngook

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
}
