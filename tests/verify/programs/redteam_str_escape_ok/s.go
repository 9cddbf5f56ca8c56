// Package rtstrescapeok is a verifier test: the twin of redteam_str_escape with the true
// facts about strings holding backslashes and non-ASCII characters.
//
// EXPECT verified
package rtstrescapeok

//@ ensures ret == 6
func rawLen() uint64 {
	s := `\u{41}`
	return uint64(len(s))
}

//@ ensures ret == 6
func quotedLen() uint64 {
	s := "\\u{41}"
	return uint64(len(s))
}

//@ ensures !ret
func sameAsA() bool {
	s := `\u0041`
	return s == "A"
}

//@ ensures ret == 92
func firstByte() byte {
	s := `\u{41}` + "x"
	return s[0]
}

//@ ensures len(ret) == 9 && ret[0] == 92 && ret[6] == 195 && ret[7] == 169 && ret[8] == 65
func mixed() string {
	return `\u{41}` + "é" + "A"
}

//@ ensures ret == 3
func tail() uint64 {
	s := "a\\b\\"
	t := s[1:4]
	return uint64(len(t))
}
