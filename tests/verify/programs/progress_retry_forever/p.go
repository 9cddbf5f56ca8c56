// Package progressretryforever is a verifier test: a loop with no condition and no
// `decreases` (a retry loop) is reported as a progress warning, never as proved to end;
// its function is still verified.
//
// EXPECT warning progress at line 16
package progressretryforever

type Gen struct {
	next uint64
}

//@ requires acc(g) && acc(taken)
//@ ensures acc(g)
func (g *Gen) fresh(taken map[uint64]bool) uint64 {
	//@ invariant acc(g) && acc(taken)
	for {
		id := g.next
		g.next = id + 1
		if !taken[id] {
			return id
		}
	}
}
