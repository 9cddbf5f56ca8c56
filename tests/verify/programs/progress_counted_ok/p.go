// Package progresscountedok is a verifier test: loops with no `decreases` whose measure
// Armada finds in the condition (counting up, counting down under a conjunction).
//
// EXPECT verified
package progresscountedok

//@ ensures ret == n
func count(n uint64) uint64 {
	var i uint64
	//@ invariant i <= n
	for i < n {
		i++
	}
	return i
}

//@ requires acc(xs)
//@ ensures acc(xs) && ret <= uint64(len(xs))
func trim(xs []uint64) uint64 {
	j := uint64(len(xs))
	//@ invariant acc(xs) && j <= uint64(len(xs))
	for j > 0 && xs[j-1] == 0 {
		j--
	}
	return j
}
