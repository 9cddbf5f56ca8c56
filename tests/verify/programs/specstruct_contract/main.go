// Package specstructcontract is a verifier test of struct values in contracts: a helper's
// postcondition names its struct result with a struct literal and with a field, and its
// caller relies on both (a Go struct compared with a logic one, field by field).
//
// EXPECT verified
package specstructcontract

type Pair struct {
	Lo uint64
	Hi uint64
	Ok bool
}

//@ requires lo <= hi
//@ ensures ret == Pair{Lo: lo, Hi: hi, Ok: true} && ret.Hi >= ret.Lo
func mk(lo uint64, hi uint64) Pair {
	return Pair{Lo: lo, Hi: hi, Ok: true}
}

//@ ensures ret == Pair{Lo: b, Hi: a, Ok: true} || ret == Pair{Lo: a, Hi: b, Ok: true}
//@ ensures ret.Lo <= ret.Hi && ret.Ok
func order(a uint64, b uint64) Pair {
	if a <= b {
		return mk(a, b)
	}
	p := mk(b, a)
	//@ assert p.Lo == b && p != Pair{}
	return p
}
