package corpus

// var declarations: zero values, typed and inferred initialisers, grouped.
func varDecls() uint64 {
	var a uint64
	var b = uint64(3)
	var c, d uint32 = 1, 2
	var (
		e string
		f bool
		g []byte
		h map[uint64]bool
		p *uint64
	)
	if f || e != "" || g != nil || h != nil || p != nil {
		return 0
	}
	return a + b + uint64(c) + uint64(d)
}
