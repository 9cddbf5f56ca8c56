package corpus

// Non-ASCII text in comments and strings (columns are bytes inside the front end): héllo, 日本語, 😀.
func unicodeText() string {
	s := "héllo 日本語 😀" // ünïcode comment
	/* block comment with ∀ and → */
	return s + "→"
}
