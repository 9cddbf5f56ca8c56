// Package slstructentries is a verifier test: a slice of structs built with make, append
// and a literal, read by index and by range, and updated field by field.
//
// EXPECT verified
package slstructentries

// Entry is one record: an ID, a size and a deleted mark.
type Entry struct {
	ID   string
	Size uint64
	gone bool
}

//@ ensures len(ret) == 2 && ret[0].Size == 10 && ret[1].ID == "b" && !ret[1].gone
func two() []Entry {
	es := make([]Entry, 0)
	es = append(es, Entry{ID: "a", Size: 10})
	es = append(es, Entry{ID: "b", Size: 20})
	return es
}

//@ requires i < len(es) && (forall j uint64 :: j < len(es) ==> acc(es[j]))
//@ ensures es[i].gone && es[i].Size == old(es[i].Size) && es[i].ID == old(es[i].ID)
func mark(es []Entry, i uint64) {
	e := es[i]
	e.gone = true
	es[i] = e
}

//@ ensures ret == 2
func live() uint64 {
	es := []Entry{Entry{ID: "x", Size: 1}, Entry{ID: "y", Size: 2, gone: true}, Entry{ID: "z", Size: 3}}
	var n uint64 = 0
	for _, e := range es {
		if !e.gone {
			n = n + 1
		}
	}
	if es[1].gone && !es[0].gone && !es[2].gone {
		return 2
	}
	return n
}
