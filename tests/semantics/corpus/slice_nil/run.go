package main

func Run() (uint64, bool, []uint64, bool) {
	var s []uint64
	t := append(s, 1)
	u := s[0:0]
	return uint64(len(s)), s == nil, t, u == nil
}
