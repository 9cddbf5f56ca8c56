// Package bytesloopallzero is a verifier test: a loop over the bytes of a slice that finds a non-zero
// byte, with an invariant that the bytes before i are zero.
//
// EXPECT verified
package bytesloopallzero

//@ ensures ret ==> (forall j uint64 :: j < len(b) ==> b[j] == 0)
func allZero(b []byte) bool {
	for i := uint64(0); i < uint64(len(b)); i++ {
		//@ invariant i <= len(b) && (forall j uint64 :: j < i ==> b[j] == 0)
		if b[i] != 0 {
			return false
		}
	}
	return true
}
