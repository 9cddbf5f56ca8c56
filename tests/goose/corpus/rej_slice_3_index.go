package corpus

func capped(xs []uint64) []uint64 {
	return xs[0:1:2] // ERROR goose/slice-3-index
}
