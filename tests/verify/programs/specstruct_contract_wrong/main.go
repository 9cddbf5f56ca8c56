// Package specstructcontractwrong is a verifier test of struct values in contracts: the
// helper promises a struct with Ok set but builds one without it (the zero bool), so its
// postcondition, compared as a whole struct, fails.
//
// EXPECT fail postcondition at line 17
package specstructcontractwrong

type Pair struct {
	Lo uint64
	Hi uint64
	Ok bool
}

//@ requires lo <= hi
//@ ensures ret == Pair{Lo: lo, Hi: hi, Ok: true}
func mk(lo uint64, hi uint64) Pair {
	return Pair{Lo: lo, Hi: hi}
}
