// Package bytesstringroundtrip is a verifier test: []byte(s) and string(b) keep the bytes.
//
// EXPECT verified
package bytesstringroundtrip

//@ ensures ret == s
func through(s string) string {
	b := []byte(s)
	return string(b)
}

//@ requires len(b) > 0
//@ ensures len(ret) == len(b) && ret[0] == b[0]
func back(b []byte) []byte {
	return []byte(string(b))
}
