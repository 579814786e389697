"""Code bindings: JSON Schema -> pydantic v2 models (datamodel-code-generator) and TypeScript."""

from .cache import SourceCache
from .generate import (
    Bindings,
    GeneratedFile,
    Problem,
    SchemaInput,
    generate_bindings,
    input_from_file,
    input_from_version,
)
from .layout import LANGUAGES, LAYOUTS
from .writer import differing_files, stale_files, write_bindings

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
