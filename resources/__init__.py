"""Bundled sample events, patterns and workflows used by `eventsmith demo` and the tests."""
