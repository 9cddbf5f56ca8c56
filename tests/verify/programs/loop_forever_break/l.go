// Package loopforeverbreak is a verifier test: a `for { }` loop is left only by its break, so
// after it the break's condition holds (the loop has no exit of its own).
//
// EXPECT verified
package loopforeverbreak

//@ ensures ret == 5
func Count() uint64 {
	var i uint64 = 0
	for {
		//@ invariant i <= 5
		//@ decreases 5 - i
		if i == 5 {
			break
		}
		i = i + 1
	}
	return i
}
