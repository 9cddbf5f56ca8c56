package corpus

type List struct {
	head *Elem
}

type Elem struct {
	v    uint64
	next *Elem
}

// nil pointers, slices and maps: comparison and assignment.
func (l *List) Push(v uint64) {
	l.head = &Elem{v: v, next: l.head}
}

func (l *List) Len() uint64 {
	var n uint64
	for e := l.head; e != nil; e = e.next {
		n++
	}
	return n
}

func nils() bool {
	var s []uint64
	var m map[string]uint64
	var p *List
	s = nil
	return s == nil && m == nil && p == nil
}
