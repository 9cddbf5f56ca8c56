package corpus

type Counter struct {
	n uint64
}

func (c *Counter) Inc() {
	c.n++
}

func (c *Counter) Add(k uint64) uint64 {
	c.n += k
	return c.n
}

func (c Counter) Get() uint64 {
	return c.n
}

func (c Counter) Twice() uint64 {
	return c.Get() * 2
}

// Methods with pointer and value receivers, called on values and pointers.
func methods() uint64 {
	c := &Counter{}
	c.Inc()
	c.Add(3)
	var d Counter
	d.Inc()
	v := d.Get() + c.Get() + (*c).Twice()
	return v
}
