package corpus

// An untyped constant may be negative along the way; a negative value may not be given
// a type (there are no signed integers) nor be a package constant.

const Below = 1 - 2 // ERROR goose/negative-constant

func negs(x uint64) uint64 {
	y := x + (3 - 5) // ERROR negative constants
	z := -x // ERROR goose/signed-int
	const_ := 2 - 3 // ERROR goose/negative-constant
	w := uint64(-1) // ERROR goose/negative-constant
	var v uint64 = ^0 // ERROR goose/negative-constant
	u := -uint64(1) // ERROR goose/negative-constant
	return y + z + const_ + w + v + u
}
