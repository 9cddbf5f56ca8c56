package corpus

type Point struct {
	X uint64
	Y uint64
}

type Labelled struct {
	Name  string
	At    Point
	Valid bool
}

// Struct literals (keyed and positional), field reads and writes, copies.
func structs() uint64 {
	p := Point{X: 1, Y: 2}
	q := Point{3, 4}
	var r Point
	r.X = p.X + q.Y
	l := Labelled{Name: "a", At: p, Valid: true}
	l.At = q
	m := l
	m.Name = "b"
	if m.Valid {
		return r.X + l.At.X + m.At.Y
	}
	return 0
}

func zeroStruct() Point {
	return Point{}
}
