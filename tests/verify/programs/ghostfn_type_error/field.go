// Package ghostfntypeerror is a verifier test: a ghost function whose body has the wrong type
// (a byte slice compared with an integer) is rejected.
package ghostfntypeerror

//@ ghost func first(b []byte) uint64 { return b == 0 ? 0 : uint64(b[0]) } // EXPECT error annot/type at line 5

//@ requires len(b) > 0
//@ ensures ret == first(b)
func head(b []byte) uint64 {
	return uint64(b[0])
}
