package corpus

const Size uint64 = 4096

const (
	Small       = 16
	Mask        = Small - 1
	Name        = "armada"
	Debug       = false
	Shifted     = 1 << 10
	Big  uint64 = 1<<64 - 1
	Half uint32 = 1 << 31
)

// Constants: typed and untyped, folded expressions, in sizes and comparisons.
func consts(x uint64) uint64 {
	if Debug {
		return 0
	}
	buf := make([]byte, Size)
	y := x & Mask
	if x < Small && Name != "" {
		return y + Shifted
	}
	return uint64(len(buf)) + Big/Size + uint64(Half)
}

// Several names in one spec (tree-sitter tags the comma as a name too; the front end once
// counted it and reported "number of names and values differ").
const Lo, Hi uint64 = 1, 2

const First, Second = "a", "b"

func bounds() uint64 {
	return Lo + Hi + uint64(len(First+Second))
}
