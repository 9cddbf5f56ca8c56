package corpus

func spawn(xs []uint64) {
	go len(xs) // ERROR goose/goroutine-call
}
