package corpus

// An invalid element type makes the whole composite type invalid: uses of the parameter
// raise no follow-on errors ("cannot use p (type *invalid)" was one).
func passThrough(p *int) *int { // ERROR goose/signed-int
	return p
}

func values(m map[uint64]float64) uint64 { // ERROR goose/float
	v := m[1]
	_ = v
	return uint64(len(m))
}

func elements(xs []any) uint64 { // ERROR goose/interface
	return uint64(len(xs)) + xs[0]
}

func caller() *int { // ERROR goose/signed-int
	return passThrough(nil)
}
