package corpus

func mutate(s string) {
	s[0] = 'a' // ERROR goose/string-mutation
}
