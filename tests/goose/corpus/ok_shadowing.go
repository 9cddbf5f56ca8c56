package corpus

// Shadowing in nested blocks and := redeclaring one of two names.
func shadow(x uint64) uint64 {
	y := x
	{
		x := y + 1
		y = x
	}
	if y > 0 {
		y := "inner"
		if y == "" {
			return 0
		}
	}
	a, err := divmod2(x)
	b, err := divmod2(a)
	if err {
		return b
	}
	return y
}

func divmod2(x uint64) (uint64, bool) {
	return x / 2, x%2 == 0
}
