"""Code bindings: JSON Schema -> pydantic v2 models (datamodel-code-generator) and TypeScript."""

from eventsmith.codegen._cache import SourceCache
from eventsmith.codegen._generate import (
    Bindings,
    GeneratedFile,
    Problem,
    SchemaInput,
    generate_bindings,
    input_from_file,
    input_from_version,
)
from eventsmith.codegen._layout import LANGUAGES, LAYOUTS
from eventsmith.codegen._writer import differing_files, stale_files, write_bindings

__all__ = [
    "LANGUAGES",
    "LAYOUTS",
    "Bindings",
    "GeneratedFile",
    "Problem",
    "SchemaInput",
    "SourceCache",
    "differing_files",
    "generate_bindings",
    "input_from_file",
    "input_from_version",
    "stale_files",
    "write_bindings",
]
