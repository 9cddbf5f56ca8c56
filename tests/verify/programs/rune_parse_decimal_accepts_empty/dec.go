// Package runeparsedecimalacceptsempty is a verifier test of rune literals in annotations and a
// recursive ghost function over a string's bytes: parseDec accepts exactly the non-empty
// strings of at most 19 decimal digits and returns the number they spell.
//
// Seeded bug: the empty string is accepted (as 0).
//
// EXPECT fail postcondition at line 22
package runeparsedecimalacceptsempty

//@ predicate decimal(s string) { len(s) >= 1 && len(s) <= 19 && (forall j uint64 :: j < len(s) ==> '0' <= s[j] && s[j] <= '9') }

//@ ghost func value(s string, n uint64) uint64 {
//@   decreases n
//@   return n == 0 ? 0 : (value(s, n-1) * 10 + uint64(s[n-1]) - '0') % 18446744073709551616
//@ }

//@ ensures ret1 == decimal(s)
//@ ensures ret1 ==> ret0 == value(s, len(s))
func parseDec(s string) (uint64, bool) {
	n := uint64(len(s))
	if n == 0 {
		return 0, true
	}
	if n > 19 {
		return 0, false
	}
	var v uint64 = 0
	var i uint64 = 0
	for i < n {
		//@ invariant i <= n && (forall j uint64 :: j < i ==> '0' <= s[j] && s[j] <= '9') && v == value(s, i)
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
		i = i + 1
	}
	return v, true
}
