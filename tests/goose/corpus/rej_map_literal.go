package corpus

type Table map[uint64]bool

type Same = Table

func table() map[uint64]bool {
	return map[uint64]bool{1: true} // ERROR goose/map-literal
}

func named() Table {
	return Table{1: true} // ERROR goose/map-literal
}

func aliased() Table {
	return Same{2: false} // ERROR goose/map-literal
}
