// Package bytesloopcopy is a verifier test: a byte-by-byte copy loop with an invariant over the
// bytes copied so far.
//
// EXPECT verified
package bytesloopcopy

//@ requires len(src) < 4096
//@ ensures len(ret) == len(src) && (forall j uint64 :: j < len(src) ==> ret[j] == src[j])
func clone(src []byte) []byte {
	n := uint64(len(src))
	dst := make([]byte, n)
	for i := uint64(0); i < n; i++ {
		//@ invariant i <= n && len(dst) == n && (forall j uint64 :: j < i ==> dst[j] == src[j])
		dst[i] = src[i]
	}
	return dst
}
