package corpus

func kinds(x any) uint64 { // ERROR goose/interface
	switch x.(type) { // ERROR goose/type-switch
	}
	return 0
}

func assert(x any) uint64 { // ERROR goose/interface
	return x.(uint64) // ERROR goose/type-assertion
}
