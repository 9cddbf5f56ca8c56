package main

func Run() (uint64, uint64) {
	m := make(map[uint64]uint64)
	for i := uint64(0); i < 10; i++ {
		m[i] = i * i
	}
	sk := uint64(0)
	sv := uint64(0)
	for k, v := range m {
		sk += k
		sv += v
	}
	return sk, sv
}
