module armada

go 1.22

// Goose's machine library under its own import paths, mapped onto Armada's
// (goose/machine/compat): programs written for Goose build and test here unchanged.
require (
	github.com/goose-lang/goose v0.0.0-00010101000000-000000000000
	github.com/goose-lang/primitive v0.0.0-00010101000000-000000000000
	github.com/tchajed/goose v0.0.0-00010101000000-000000000000
	github.com/tchajed/marshal v0.0.0-00010101000000-000000000000
)

replace (
	github.com/goose-lang/goose => ./goose/machine/compat/goose-lang-goose
	github.com/goose-lang/primitive => ./goose/machine/compat/goose-lang-primitive
	github.com/tchajed/goose => ./goose/machine/compat/tchajed-goose
	github.com/tchajed/marshal => ./goose/machine/compat/tchajed-marshal
)
