package corpus

// A rejected type declaration is reported once, at the declaration; its uses are not
// reported again as "undefined type".

type Shape interface { // ERROR interface
	Area() uint64
}

type Named bool // ERROR goose/named-type

type Alias = uint64 // an alias is its target type: accepted

func Total(s Shape, n Named, a Alias) uint64 {
	return s.Area() + uint64(n) + uint64(a)
}
