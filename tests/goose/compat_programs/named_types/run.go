package main

type Inum uint64

type Small uint32

type Name string

type Names []Name

type Index map[Name]Inum

const Root Inum = 1

func next(i Inum) Inum {
	return i*3 + Root
}

// Named non-struct types: arithmetic in the named type, conversions, a named string's
// concatenation and comparison, a named map and slice.
func Run() (uint64, uint32, string, bool, uint64) {
	ix := make(Index)
	ns := Names{"b", "a"}
	ns = append(ns, Name("c")+"d")
	for i, n := range ns {
		ix[n] = next(Inum(i))
	}
	max := Small(^uint32(0))
	s := max + Small(2) // wraps
	return uint64(ix["cd"]), uint32(s), string(ns[2] + "!"), ns[0] > ns[1], uint64(len(ix))
}
