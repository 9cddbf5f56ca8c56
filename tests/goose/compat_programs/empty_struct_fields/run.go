package main

type Tag struct {
	mark struct{}
	id   uint64
}

// Structs with struct{} fields compare by their other fields; a string set's size.
func Run() (bool, bool, uint64) {
	a := Tag{id: 1}
	b := Tag{mark: struct{}{}, id: 1}
	c := Tag{id: 2}
	seen := make(map[string]struct{})
	for _, s := range []string{"x", "y", "x"} {
		seen[s] = struct{}{}
	}
	return a == b, a == c, uint64(len(seen))
}
