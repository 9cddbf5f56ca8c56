package corpus

type Box[T any] struct { // ERROR goose/generics
	v T
}

func Identity[T any](x T) T { // ERROR generic function
	return x
}

func useGeneric() uint64 {
	return Identity(uint64(3)) // a rejected function's calls are not reported again
}
