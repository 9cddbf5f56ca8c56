package corpus

type K struct {
	a uint64
}

func keyed(m map[K]uint64) { // ERROR goose/map-key
}

func sliceKey(m map[*K]bool) { // ERROR map key type
}
