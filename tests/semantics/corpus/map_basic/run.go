package main

func Run() (map[uint64]string, string, bool, uint64, string) {
	m := make(map[uint64]string)
	m[3] = "c"
	m[1] = "a"
	m[2] = "b"
	v, ok := m[7]
	delete(m, 2)
	delete(m, 42)
	return m, v, ok, uint64(len(m)), m[1]
}
