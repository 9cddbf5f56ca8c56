package corpus

// if with an init statement; else-if chains; scoping of the init variable.
func lookup(m map[uint64]uint64, k uint64) uint64 {
	if v, ok := m[k]; ok {
		return v
	} else if k > 10 {
		return k
	}
	if n := uint64(len(m)); n > 3 {
		return n
	}
	return 0
}
