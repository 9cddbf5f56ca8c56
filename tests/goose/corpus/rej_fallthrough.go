package corpus

func fall(x uint64) uint64 {
	if x > 0 {
		fallthrough // ERROR goose/fallthrough
	}
	return x
}
