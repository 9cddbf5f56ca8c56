package corpus

func two() (uint64, uint64) {
	return 1, 2
}

func takes(a uint64, b uint64) uint64 {
	return a + b
}

func use() uint64 {
	x := takes(two()) // ERROR goose/multi-value-context
	y := two() + 1 // ERROR goose/multi-value-context
	return x + y
}
