// Package loopforeverbreakwrong is loop_forever_break with a seeded bug: the postcondition
// claims 6, while the only way out of the loop is its break at 5.
//
// EXPECT fail postcondition at line 18
package loopforeverbreakwrong

//@ ensures ret == 6
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
