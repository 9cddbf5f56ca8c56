package corpus

func closures() uint64 {
	x := uint64(1)
	add := func(y uint64) uint64 { return x + y } // ERROR goose/closure
	_ = add
	v := func() uint64 { return 2 }() // ERROR goose/closure
	return x + v
}
