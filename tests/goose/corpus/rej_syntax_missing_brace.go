package corpus

func open(x uint64) uint64 {
	if x > 0 {
		return x
	return 0
}
// ERROR syntax
