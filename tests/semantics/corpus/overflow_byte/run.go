package main

func Run() (byte, byte, byte, byte) {
	var b byte = 250
	c := b + 10
	d := b * 2
	three := byte(3)
	e := three - byte(4)
	f := ^b
	return c, d, e, f
}
