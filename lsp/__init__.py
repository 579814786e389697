"""The eventsmith language server (pygls): workflows, patterns and events over LSP.

`server.py` registers every LSP method; each handler fetches the document, calls a core, and
converts the result with `convert.py`. Analysis lives in the cores, never here.
"""
