// Package runehexdigit is a verifier test of rune literals in a pure function's contract
// and a loop invariant: hexValue reads one hexadecimal digit, either case; allHex checks a
// string byte by byte.
//
// EXPECT verified
package runehexdigit

//@ predicate isHex(c byte) { ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F') }

//@ ensures ret1 == isHex(c) && (ret1 ==> ret0 < 16) && (ret1 && c >= 'a' ==> ret0 == uint64(c) - 'a' + 10)
func hexValue(c byte) (uint64, bool) {
	if '0' <= c && c <= '9' {
		return uint64(c - '0'), true
	}
	if 'a' <= c && c <= 'f' {
		return uint64(c-'a') + 10, true
	}
	if 'A' <= c && c <= 'F' {
		return uint64(c-'A') + 10, true
	}
	return 0, false
}

//@ ensures ret == (forall j uint64 :: j < len(s) ==> isHex(s[j]))
func allHex(s string) bool {
	var i uint64 = 0
	for i < uint64(len(s)) {
		//@ invariant i <= len(s) && (forall j uint64 :: j < i ==> isHex(s[j]))
		if _, ok := hexValue(s[i]); !ok {
			return false
		}
		i = i + 1
	}
	return true
}
