package main

type Ids []uint64

// `for init; ; { ... continue }`, new([]T), range over a named slice.
func Run() (uint64, uint64, uint64) {
	p := new([]uint64)
	for i := uint64(0); ; {
		i++
		if i > 10 {
			break
		}
		if i%3 == 0 {
			continue
		}
		*p = append(*p, i)
	}
	ids := Ids(*p)
	var sum uint64
	for _, v := range ids {
		sum += v
	}
	return uint64(len(*p)), sum, ids[len(ids)-1]
}
