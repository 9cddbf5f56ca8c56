// Package bytesbranchmergewrong is a verifier test: the write on one branch is forgotten by the postcondition.
//
// EXPECT fail postcondition at line 12
package bytesbranchmergewrong

//@ ensures ret[0] == 0
func merge(c bool) []byte {
	b := make([]byte, 4)
	if c {
		b[0] = 1
	}
	return b
}
