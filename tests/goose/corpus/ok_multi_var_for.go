package corpus

// A for loop whose init and post statements define and assign two variables.
func twoVars(n uint64) uint64 {
	var s uint64
	for a, b := uint64(0), n; a < b; a, b = a+1, b-1 {
		s += b - a
	}
	return s
}
