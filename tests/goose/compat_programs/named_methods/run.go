package main

// Methods on named non-struct types: value and pointer receivers on a named integer, a
// named slice and a named map, called on values, on pointers, and on a local whose
// address the call takes.

type Gen uint64

func (g Gen) Next() Gen {
	return g + 1
}

func (g *Gen) Bump() {
	*g = g.Next() * 2
}

type Queue []uint64

func (q Queue) Total() uint64 {
	var t uint64
	for _, x := range q {
		t += x
	}
	return t
}

func (q *Queue) Push(x uint64) {
	*q = append(*q, x)
}

type Counts map[string]uint64

func (c Counts) Add(k string) uint64 {
	c[k] = c[k] + 1
	return c[k]
}

func Run() (uint64, uint64, uint64, uint64, uint64) {
	var g Gen = 3
	g.Bump() // &g taken by the call
	p := &g
	p.Bump()
	var q Queue
	q.Push(4)
	qp := &q
	qp.Push(uint64(p.Next()))
	c := make(Counts)
	c.Add("a")
	n := c.Add("a")
	return uint64(g), q.Total(), qp.Total(), n, uint64(len(q))
}
