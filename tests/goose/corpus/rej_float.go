package corpus

func average(xs []float64) float32 { // ERROR goose/float
	return 0
}

func literals() uint64 {
	x := 1.5 // ERROR goose/float
	_ = x
	return 0
}
