package corpus

type R struct {
	v uint64
}

func (r R) Get() uint64 {
	return r.v
}

func expr() uint64 {
	return R.Get(R{v: 1}) // ERROR goose/method-expression
}
