package corpus

func sum(xs ...uint64) uint64 { // ERROR goose/variadic
	return 0
}

func total(xs []uint64) uint64 {
	return sum(xs...) // ERROR `...` in a call
}

func spawnVariadic() {
	go func(xs ...uint64) { // ERROR goose/variadic
	}(1, 2)
}
