// Package compat holds Go shims with the API of Goose's machine library, one module per
// import path Goose programs use (the 2019 github.com/tchajed/goose/machine layout, the
// goose-lang/goose one, github.com/goose-lang/primitive, and a github.com/tchajed/marshal
// encoder), each delegating to Armada's machine library. A module that uses them adds
// `replace` lines pointing at these directories (`armada init` writes them). This package
// only tests them from inside the armada module.
package compat
