package main

type P struct {
	x uint64
	y uint64
}

func Run() ([]P, P) {
	s := make([]P, 3)
	e := s[1]
	e.x = 5
	s[1] = e
	s[2] = P{x: 1, y: 2}
	q := s[2]
	q.y = 100
	f := s[0]
	f.y += 4
	s[0] = f
	return s, q
}
