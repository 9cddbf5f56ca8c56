package corpus

type S struct {
	a uint64
}

func typeErrors(s S, b []byte) string {
	var x uint64 = "str" // ERROR cannot use
	y := undefinedName // ERROR undefined
	s.missing = 3 // ERROR has no field
	var u uint32 = 1
	z := x + u // ERROR mismatched types
	if x { // ERROR non-boolean
	}
	w := b[1] + 300 // ERROR overflows
	return 5 // ERROR cannot use
}
