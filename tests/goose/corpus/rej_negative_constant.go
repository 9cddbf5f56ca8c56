package corpus

func negs(x uint64) uint64 {
	y := x + (3 - 5) // ERROR negative constants
	z := -x // ERROR goose/signed-int
	const_ := 2 - 3 // ERROR goose/negative-constant
	return y + z + const_
}
