// Package rangeslicevalues is a verifier test: range slice values.
//
// EXPECT verified
package rangeslicevalues

//@ requires acc(s) && forall j uint64 :: j < len(s) ==> s[j] < 10
//@ ensures ret < 10
func maxOf(s []uint64) uint64 {
	var m uint64 = 0
	for _, x := range s {
		//@ invariant m < 10
		if x > m {
			m = x
		}
	}
	return m
}
