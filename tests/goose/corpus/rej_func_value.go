package corpus

func apply(f func(uint64) uint64, x uint64) uint64 { // ERROR goose/func-value
	return x
}

func twice(x uint64) uint64 {
	return x * 2
}

func useValue() {
	g := twice // ERROR function `twice` used as a value
	_ = g
}
