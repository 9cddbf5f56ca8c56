package corpus

func classify(x uint64) uint64 {
	switch x { // ERROR goose/switch
	case 0:
		return 1
	}
	return 2
}
