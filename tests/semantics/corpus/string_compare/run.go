package main

func Run() (bool, bool, bool, bool, string) {
	a := "apple"
	b := "apricot"
	c := a[0:2]
	return a < b, a == "apple", c == b[:2], "" < a, c
}
