package corpus

// Left-to-right evaluation of arguments, operands and multiple assignment.
type Log struct {
	entries []uint64
}

func (l *Log) note(x uint64) uint64 {
	l.entries = append(l.entries, x)
	return x
}

func combine(a uint64, b uint64, c uint64) uint64 {
	return a*100 + b*10 + c
}

func evalOrder(l *Log) uint64 {
	r := combine(l.note(1), l.note(2), l.note(3))
	x, y := l.note(4), l.note(5)
	s := l.note(6) + l.note(7)
	xs := []uint64{l.note(8), l.note(9)}
	return r + x + y + s + xs[0]
}
