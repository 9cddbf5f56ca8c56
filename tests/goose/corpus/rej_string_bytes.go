package corpus

// Bytes >= 0x80 spelled with \x or octal escapes are not UTF-8 text: Go's len("\xff") is 1,
// but the front end once folded it to 2 (the byte became the character U+00FF).
func rawBytes() uint64 {
	s := "\xff\xfe" // ERROR goose/string-bytes
	t := "caf\303\251" // ERROR goose/string-bytes
	u := "ok: \x7f \101 \\xff é"
	_, _ = s, t
	return uint64(len(u))
}
