package corpus

type Buf struct {
	data [16]byte // ERROR goose/array
}

func arrays() {
	a := [3]uint64{1, 2, 3} // ERROR array
	_ = a
}
