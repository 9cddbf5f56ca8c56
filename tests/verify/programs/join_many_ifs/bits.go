// Package joinmanyifs is a verifier test: twelve ifs in a row that only count (4,096
// paths unjoined, past the verifier's limit of 512; one joined).
//
// EXPECT verified
package joinmanyifs

//@ ensures ret <= 12
func bits(x uint64) uint64 {
	var n uint64 = 0
	if x&1 != 0 {
		n = n + 1
	}
	if x&2 != 0 {
		n = n + 1
	}
	if x&4 != 0 {
		n = n + 1
	}
	if x&8 != 0 {
		n = n + 1
	}
	if x&16 != 0 {
		n = n + 1
	}
	if x&32 != 0 {
		n = n + 1
	}
	if x&64 != 0 {
		n = n + 1
	}
	if x&128 != 0 {
		n = n + 1
	}
	if x&256 != 0 {
		n = n + 1
	}
	if x&512 != 0 {
		n = n + 1
	}
	if x&1024 != 0 {
		n = n + 1
	}
	if x&2048 != 0 {
		n = n + 1
	}
	return n
}
