package corpus

type Shape interface { // ERROR goose/interface
	Area() uint64
}

func describe(x any) uint64 { // ERROR interface
	return 0
}

func fail() error { // ERROR `error`
	return nil
}

func local() {
	var v interface{} // ERROR interface type
	_ = v
}
