// Package scopereusedlocal: annotations name a local that reuses a name of the same
// function (in a sibling block, in a nested block while the outer one is still in scope,
// and in a loop body): each means the declaration in scope where the annotation sits.
//
// EXPECT verified
package scopereusedlocal

//@ ensures ret == 3
func f(c bool) uint64 {
	if c {
		w := uint64(1)
		//@ assert w == 1
		_ = w
	}
	w := uint64(3)
	if c {
		w := uint64(2)
		//@ assert w == 2
		_ = w
	}
	//@ assert w == 3
	for i := uint64(0); i < 2; i++ {
		//@ invariant w == 3
		w := i
		//@ assert w == i
		_ = w
	}
	return w
}
