package main

func Run() map[string]uint64 {
	m := make(map[string]uint64)
	m["a"] = 1
	m["b"] = 2
	m["c"] = 3
	m["d"] = 4
	var odd []string
	for k, v := range m {
		if v%2 == 1 {
			odd = append(odd, k)
		}
	}
	for _, k := range odd {
		delete(m, k)
	}
	return m
}
