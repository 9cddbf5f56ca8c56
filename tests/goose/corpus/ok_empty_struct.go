package corpus

// struct{} values and the empty struct literal: a set as a map to struct{}.

type unit = struct{}

type Set struct {
	m map[string]struct{}
}

func NewSet() *Set {
	return &Set{m: make(map[string]struct{})}
}

func (s *Set) Add(k string) {
	s.m[k] = struct{}{}
}

func (s *Set) AddUnit(k string) {
	var u unit
	s.m[k] = u
}

func Same() bool {
	return struct{}{} == unit{}
}
