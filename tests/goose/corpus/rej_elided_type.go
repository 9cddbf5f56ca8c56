package corpus

type Pt struct {
	x uint64
}

type Seg struct {
	a Pt
	b Pt
}

func elided() ([]Pt, Seg) {
	xs := []Pt{Pt{x: 1}, {x: 2}} // ERROR goose/elided-type
	s := Seg{a: Pt{x: 1}, b: {x: 2}} // ERROR goose/elided-type
	return xs, s
}
