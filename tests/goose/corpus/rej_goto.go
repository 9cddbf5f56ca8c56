package corpus

func jump(x uint64) uint64 {
	if x > 0 {
		goto done // ERROR goose/goto
	}
	x++
done: // ERROR goose/label
	return x
}
