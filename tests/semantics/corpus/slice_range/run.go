package main

func Run() ([]uint64, uint64) {
	s := []uint64{1, 2, 3}
	sum := uint64(0)
	for i, v := range s {
		s[i] = v * 2
		if i == 0 {
			s[2] = 100
		}
		sum += v
	}
	return s, sum
}
