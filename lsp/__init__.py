"""The pygls language server; turns core results into LSP messages and nothing more."""
