"""The `eventsmith` command: thin click commands over the core packages."""
