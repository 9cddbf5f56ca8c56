package corpus

func f() uint64 {
	const k = 3 // ERROR goose/local-const
	return 4
}
