package corpus

func divide(a uint64, b uint64) (q uint64, r uint64) { // ERROR goose/named-result
	return a / b, a % b
}
