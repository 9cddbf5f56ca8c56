package corpus

type In struct {
	x uint64
}

type Out struct {
	in In
}

func set(o Out, xs []In) {
	o.in.x = 3 // ERROR goose/nested-field-assign
	xs[0].x = 4 // ERROR goose/nested-field-assign
}
