package corpus

// Maps: make, get, comma-ok, set, delete, range, len, nil map read.
func maps() uint64 {
	m := make(map[uint64]uint64)
	m[1] = 10
	m[2] = 20
	v := m[1]
	w, ok := m[3]
	if !ok {
		w = 0
	}
	delete(m, 2)
	var sum uint64
	for k, val := range m {
		sum += k + val
	}
	for k := range m {
		sum += k
	}
	names := make(map[string]bool, 4)
	names["a"] = true
	_, found := names["b"]
	if found {
		return 0
	}
	var empty map[uint64]string
	s := empty[5]
	return v + w + sum + uint64(len(m)) + uint64(len(s))
}
