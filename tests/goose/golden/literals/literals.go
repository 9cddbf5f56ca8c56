// Package literals pins how constants and literals are printed in the model: strings in Go
// syntax (quotes, backslashes, control characters, non-ASCII), raw strings, runes as bytes,
// integer bases, folded constant expressions and typed widths.
package literals

const (
	Quote  = "say \"hi\" and it's \\ done"
	Multi  = "line1\nline2\ttab\x01"
	Accent = "héllo 日本 😀"
	Raw    = `raw \n "as is"`
	Hex    uint64 = 0xff_ff
	Oct    uint32 = 0o17
	Bin    byte   = 0b1010_1010
	Folded        = (1<<10 + 3) * 2
	Yes           = !false && 1 < 2
)

func Literals() (string, byte, uint64) {
	s := Quote + Multi + Accent + Raw
	b := byte('A') + '\n' + '\''
	w := uint32(1) << 31
	return s + "\"", b, uint64(w) + Hex + uint64(Oct) + uint64(Bin) + Folded
}
