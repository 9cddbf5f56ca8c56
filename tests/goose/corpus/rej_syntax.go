package corpus

func broken(x uint64) uint64 {
	y := x +
	return y // ERROR syntax
}

func fine() uint64 {
	return 1
}
