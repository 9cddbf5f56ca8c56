package main

func find(s []uint64, v uint64) (uint64, bool) {
	for i, x := range s {
		if x == v {
			return uint64(i), true
		}
	}
	return 0, false
}

func Run() (uint64, bool, uint64, bool) {
	s := []uint64{4, 8, 15, 16}
	i, ok := find(s, 15)
	j, ok2 := find(s, 23)
	return i, ok, j, ok2
}
