package main

type unit = struct{}

type AddrSet = map[uint64]unit

type Block = []byte

func mark(s AddrSet, a uint64) {
	s[a] = struct{}{}
}

// Aliases are their targets; a set is a map to the empty struct.
func Run() (uint64, bool, bool, uint64, bool) {
	s := make(AddrSet)
	for a := uint64(0); a < 10; a += 3 {
		mark(s, a)
	}
	delete(s, 3)
	_, has6 := s[6]
	_, has3 := s[3]
	var b Block = make([]byte, 4)
	raw := []byte(b)
	raw[1] = 9
	return uint64(len(s)), has6, has3, uint64(b[1]), unit{} == struct{}{}
}
