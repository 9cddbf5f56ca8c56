package corpus

func waitAll() {
	select { // ERROR goose/select
	}
}
