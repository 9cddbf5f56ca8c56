// Package assertownlinebeforewrong: the own-line assert claims the value after its statement; an assert on its own line holds before the statement below
// it, a trailing one after its statement (an own-line assert was checked after the
// statement, so a wrong one was proved).
//
// EXPECT fail assert at line 12
package assertownlinebeforewrong

//@ ensures ret == 2
func f(c bool) uint64 {
	x := uint64(1)
	//@ assert x == 2
	x = 2 //@ assert x == 2
	//@ assert x == 2
	if c {
		x = 3
	}
	//@ assert c ==> x == 3
	if c {
		x = 2
	}
	return x
}
