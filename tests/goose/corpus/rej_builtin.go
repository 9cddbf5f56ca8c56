package corpus

func show(x uint64) {
	println(x) // ERROR goose/builtin
	print("x") // ERROR built-in `print`
}
