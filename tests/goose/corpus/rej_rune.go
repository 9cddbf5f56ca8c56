package corpus

func runes(s string) uint64 {
	var r rune // ERROR goose/rune
	_ = r
	for range s { // ERROR range over a string
	}
	c := '日' // ERROR rune literal
	_ = c
	t := string(uint64(65)) // ERROR conversion from an integer to string
	_ = t
	return 0
}
