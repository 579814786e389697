"""Code bindings from registry schemas: Python (pydantic v2) and TypeScript."""
