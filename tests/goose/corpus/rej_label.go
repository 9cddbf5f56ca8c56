package corpus

func labelled(xs []uint64) uint64 {
	var n uint64
outer: // ERROR goose/label
	for _, x := range xs {
		for _, y := range xs {
			if x == y {
				continue outer // ERROR labelled continue
			}
			if y > x {
				break outer // ERROR labelled break
			}
			n++
		}
	}
	return n
}
