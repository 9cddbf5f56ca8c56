// Package loopappendowned is a verifier test of a loop invariant that owns memory: squares
// builds its result with append in a loop (each append may move the slice to a new array), and
// the invariant says the loop owns whatever array the slice has now; the caller gets it by
// the postcondition and writes into it.
//
// EXPECT verified
package loopappendowned

//@ requires n <= 1000
//@ ensures uint64(len(ret)) == n && (forall i uint64 :: i < len(ret) ==> acc(ret[i]))
func squares(n uint64) []uint64 {
	out := make([]uint64, 0)
	var i uint64 = 0
	for i < n {
		//@ invariant i <= n && uint64(len(out)) == i && (forall j uint64 :: j < len(out) ==> acc(out[j]))
		out = append(out, i*i)
		i = i + 1
	}
	return out
}

func sum() uint64 {
	s := squares(10)
	s[0] = 1
	var t uint64 = 0
	for _, x := range s {
		if t < 1000000 && x < 1000000 {
			t = t + x
		}
	}
	return t
}
