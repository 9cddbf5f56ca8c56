// Package oneownerguardedensures is a verifier test: memory a callee hands out under a guard
// (`ensures !ret ==> acc(b.n)`) is apart from what the caller kept only when the guard
// holds. Use keeps b.n and calls maybe, which returns true and hands out nothing: assuming
// b.n apart from itself unconditionally made Use's path contradictory, and its postcondition
// `false` was proved.
//
// EXPECT fail postcondition at line 26
package oneownerguardedensures

type Box struct {
	n uint64
}

//@ requires b != nil
//@ ensures !ret ==> acc(b.n)
func maybe(b *Box) bool {
	return true
}

//@ requires b != nil && acc(b.n)
//@ ensures false
func Use(b *Box) {
	ok := maybe(b)
	_ = ok
	b.n = 1
}
