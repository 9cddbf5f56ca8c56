// Package joinmaxloop is a verifier test: a maximum kept by an `if` that only assigns locals,
// next to one that picks which of two counters to bump (two joined ifs per iteration).
//
// EXPECT verified
package joinmaxloop

//@ requires len(a) < 1000
//@ ensures (forall j uint64 :: j < len(a) ==> uint64(a[j]) <= ret0) && ret1 + ret2 == len(a)
func max(a []byte) (uint64, uint64, uint64) {
	var m uint64 = 0
	var small uint64 = 0
	var big uint64 = 0
	for i := uint64(0); i < uint64(len(a)); i++ {
		//@ invariant i <= len(a) && (forall j uint64 :: j < i ==> uint64(a[j]) <= m) && small + big == i
		x := uint64(a[i])
		if x > m {
			m = x
		}
		if x < 100 {
			small = small + 1
		} else {
			big = big + 1
		}
	}
	return m, small, big
}
