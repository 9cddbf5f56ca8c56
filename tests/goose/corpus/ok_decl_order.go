package corpus

// Declarations in any order: a function uses a type, method and constant declared later.
func useLater() uint64 {
	l := &Later{v: LaterConst}
	return l.get() + helperLater()
}

func helperLater() uint64 {
	return LaterConst
}

func (l *Later) get() uint64 {
	return l.v
}

type Later struct {
	v uint64
}

const LaterConst uint64 = 7
