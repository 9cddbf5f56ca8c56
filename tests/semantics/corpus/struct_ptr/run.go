package main

type Counter struct {
	n    uint64
	name string
}

func (c *Counter) Inc() {
	c.n++
}

func (c Counter) Get() uint64 {
	return c.n
}

func (c Counter) Bump() uint64 {
	c.n = c.n + 100
	return c.n
}

func Run() (uint64, uint64, uint64, string) {
	c := &Counter{name: "x"}
	d := c
	d.Inc()
	c.Inc()
	v := Counter{n: 5}
	v.Inc()
	b := v.Bump()
	return c.Get(), v.Get(), b, d.name
}
