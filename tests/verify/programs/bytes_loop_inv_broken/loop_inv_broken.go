// Package bytesloopinvbroken is a verifier test: the loop writes v+1, so the invariant that every byte
// so far is v is not preserved.
//
// EXPECT fail loop-invariant-preserved at line 10
package bytesloopinvbroken

//@ requires n < 4096 && v < 255
func fill(n uint64, v byte) []byte {
	b := make([]byte, n)
	for i := uint64(0); i < n; i++ {
		//@ invariant i <= n && len(b) == n && (forall j uint64 :: j < i ==> b[j] == v)
		b[i] = v + 1
	}
	return b
}
