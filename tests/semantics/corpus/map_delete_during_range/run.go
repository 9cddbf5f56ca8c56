package main

func Run() uint64 {
	m := make(map[uint64]uint64)
	m[1] = 1
	m[2] = 2
	m[3] = 3
	for k := range m {
		if k != 2 {
			delete(m, k)
		}
	}
	return uint64(len(m))
}
