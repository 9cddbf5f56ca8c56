"""The Armada language server (pygls): thin features over `armada_ls.engine`."""
