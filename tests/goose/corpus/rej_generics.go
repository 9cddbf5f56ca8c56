package corpus

type Box[T any] struct { // ERROR goose/generics
	v T
}

func Identity[T any](x T) T { // ERROR generic function
	return x
}
