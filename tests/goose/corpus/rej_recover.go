package corpus

func safe() {
	recover() // ERROR goose/recover
}
