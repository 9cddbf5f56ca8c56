package corpus

type A = B // ERROR recursive type alias

type B = A // ERROR recursive type alias

type S struct {
	x A
}

type F = struct { // ERROR goose/anonymous-struct
	x uint64
}
