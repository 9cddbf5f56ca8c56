package corpus

type Rec struct {
	count int // ERROR goose/signed-int
	delta int64 // ERROR basic type `int64`
}

func signed(a uint, b int32) uintptr { // ERROR basic type `uint`
	return 0
}
