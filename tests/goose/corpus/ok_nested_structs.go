package corpus

type Inner struct {
	N uint64
}

type Outer struct {
	In    Inner
	Ptr   *Inner
	Items []Inner
	Index map[uint64]*Inner
}

// Struct fields of struct, pointer, slice and map types.
func nested() uint64 {
	o := &Outer{In: Inner{N: 1}, Ptr: &Inner{N: 2}, Items: nil, Index: make(map[uint64]*Inner)}
	o.Ptr.N = 5
	o.Items = append(o.Items, Inner{N: 3})
	o.Index[1] = o.Ptr
	p, ok := o.Index[1]
	if ok {
		p.N++
	}
	in := o.In
	in.N = 9
	o.In = in
	return o.In.N + o.Ptr.N + o.Items[0].N
}
