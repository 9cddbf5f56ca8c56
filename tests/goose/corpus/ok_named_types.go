package corpus

// Named non-struct types (`type Inum uint64`): distinct from their underlying type for the
// type checker, the same values for the model (the IR uses the underlying type).

type Inum uint64

type SmallInum Inum

type TagName string

type TagNames []TagName

type TagIndex map[TagName]Inum

type Dinode struct {
	Num  Inum
	Tags TagNames
}

const RootInum Inum = 1

func NextInum(i Inum) Inum {
	return i + 1
}

func LookupTag(ix TagIndex, n TagName) (Inum, bool) {
	v, ok := ix[n]
	return v, ok
}

func BuildDinode() *Dinode {
	ns := make(TagNames, 0)
	ns = append(ns, TagName("a"), "b")
	ix := make(TagIndex)
	ix["x"] = RootInum
	for k, v := range ix {
		ns = append(ns, k)
		_ = v
	}
	var s SmallInum = SmallInum(NextInum(RootInum))
	return &Dinode{Num: Inum(s) * 2, Tags: ns}
}

func Greet(n TagName) string {
	if n < "m" {
		return string(n + "!")
	}
	b := []byte(n)
	return string(TagName(b))
}

func RawInum(i Inum) uint64 {
	return uint64(i) + uint64(len(TagNames{"q"}))
}
