package main

func Run() ([]uint64, []byte, string) {
	a := []uint64{1, 2}
	b := []uint64{3, 4, 5}
	a = append(a, b...)
	bs := []byte("ab")
	bs = append(bs, "cd"...)
	bs = append(bs, 'e')
	return a, bs, string(bs)
}
