"""The catalogue of ASL diagnostic codes: default severity, title, where it is documented, fixable.

Front ends read it for hover text, code descriptions and "fix all" menus. The rows are data
(`codes.tsv` beside this module); the table in docs/asl.md documents the same rows, and a test
keeps the two equal, so a code cannot be added, retitled or change severity in one place only.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from eventsmith.asl.syntax._document import Severity

DOCS_ANCHOR = "docs/asl.md#diagnostic-codes"


@dataclass(frozen=True)
class CodeInfo:
    """One diagnostic code. `title` is the docs' one-line description (Markdown); `anchor` is the
    docs page and section that explain it; `fixable` says the rule can offer a `Fix`."""

    code: str
    severity: Severity
    title: str
    anchor: str
    fixable: bool


def _load() -> dict[str, CodeInfo]:
    text = importlib.resources.files(__package__).joinpath("codes.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {
        code: CodeInfo(code, Severity(severity), title, DOCS_ANCHOR, fixable == "fix")
        for code, severity, fixable, title in rows
    }


CATALOGUE: Mapping[str, CodeInfo] = MappingProxyType(_load())
