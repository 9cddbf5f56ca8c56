package main

func div(a uint64, b uint64) uint64 {
	return a / b
}

func Run() uint64 {
	return div(10, 2) + div(1, 0)
}
