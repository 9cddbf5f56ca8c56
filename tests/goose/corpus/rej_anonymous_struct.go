package corpus

type Holder struct {
	inner struct{ x uint64 } // ERROR goose/anonymous-struct
}

func local() {
	type T struct{ y uint64 } // ERROR type declared inside a function
}
