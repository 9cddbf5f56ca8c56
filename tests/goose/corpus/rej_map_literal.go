package corpus

func table() map[uint64]bool {
	return map[uint64]bool{1: true} // ERROR goose/map-literal
}
