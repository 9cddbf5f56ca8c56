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
