package main

func Run() (string, []byte, uint64, byte, string, string) {
	s := "hello"
	b := []byte(s)
	b[0] = 'j'
	t := string(b)
	b[1] = 'a'
	return t, b, uint64(len(s)), s[1], s[1:3], s + " " + t
}
