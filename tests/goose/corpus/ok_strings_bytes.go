package corpus

// Strings and byte slices: conversions, indexing, slicing, comparison, concatenation.
func stringsBytes(s string) (string, byte, bool) {
	b := []byte(s)
	b = append(b, '!')
	b = append(b, " ok"...)
	t := string(b)
	var first byte
	if len(s) > 0 {
		first = s[0]
	}
	sub := s[1:]
	eq := t == s+"! ok" || sub < t
	raw := `raw\n`
	return t + raw, first, eq
}
