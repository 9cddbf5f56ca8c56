package corpus

func helper() uint64 {
	return 3
}

const C uint64 = helper() // ERROR goose/const-type
