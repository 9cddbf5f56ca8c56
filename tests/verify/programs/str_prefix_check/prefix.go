// Package strprefixcheck is a verifier test: indexing a string reads its bytes, and a
// length check makes each index safe.
//
// EXPECT verified
package strprefixcheck

//@ ensures ret ==> len(id) >= 4 && id[0] == 109 && id[3] == 46
func isMsg(id string) bool {
	if uint64(len(id)) < 4 {
		return false
	}
	return id[0] == 'm' && id[1] == 's' && id[2] == 'g' && id[3] == '.'
}

//@ ensures ret == 109
func firstOfConst() byte {
	s := "msg."
	return s[0]
}
