package corpus

func cleanup() {
}

func work() {
	defer cleanup() // ERROR goose/defer
}
