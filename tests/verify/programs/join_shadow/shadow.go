// Package joinshadow is a verifier test: a branch that declares its own variable of an
// outer name, and one that declares a fresh one, joined: the outer variable keeps its value.
//
// EXPECT verified
package joinshadow

//@ ensures ret0 == 1 && (c ==> ret1 == 7) && (!c ==> ret1 == 3)
func shadow(c bool) (uint64, uint64) {
	x := uint64(1)
	y := uint64(3)
	if c {
		x := uint64(2)
		t := x + 5
		y = t
	} else {
		t := uint64(0)
		y = y + t
	}
	return x, y
}
