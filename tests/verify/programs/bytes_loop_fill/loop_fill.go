// Package bytesloopfill is a verifier test: a loop fills a fresh slice with one value.
//
// EXPECT verified
package bytesloopfill

//@ requires n < 4096
//@ ensures len(ret) == n && (forall j uint64 :: j < n ==> ret[j] == v)
func fill(n uint64, v byte) []byte {
	b := make([]byte, n)
	for i := uint64(0); i < n; i++ {
		//@ invariant i <= n && len(b) == n && (forall j uint64 :: j < i ==> b[j] == v)
		b[i] = v
	}
	return b
}
