package corpus

type Ctr struct {
	n uint64
}

func (c *Ctr) Inc() {
	c.n++
}

func methodValue() {
	c := &Ctr{}
	f := c.Inc // ERROR goose/method-value
	_ = f
}
