module github.com/tchajed/marshal

go 1.22

require armada v0.0.0-00010101000000-000000000000
