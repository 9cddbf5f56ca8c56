// Package chooseopfreshid is a verifier test: the spec hands out any id below 10, and the code
// always returns 3. The spec's choice is the spec's, so the code must be right for every id
// it may pick, and it is not: the code must name the value it picks (`linearize x = id`,
// as in specchoose_ticket) for this to verify.
//
// EXPECT fail result at line 20
package chooseopfreshid

//@ spec Ids {
//@   state last: uint64
//@   op Fresh() uint64 { choose x uint64 such that x < 10; last = x; return x }
//@   crash { }
//@ }

type Gen struct{}

//@ implements Ids.Fresh
func (g *Gen) Fresh() uint64 {
	id := uint64(3) //@ linearize
	return id
}

//@ recover
func Recover() *Gen {
	return &Gen{}
}
