package corpus

func producer(out chan uint64) { // ERROR goose/channel
	out <- 1 // ERROR channel send
}

func consumer() {
	ch := make(chan bool) // ERROR goose/channel
	_ = ch
}
