"""What every rule module uses: the context of one validation and the helpers to report.

A rule module exposes `check(context)` and reports through `context.report(...)`; ranges come
from the parsed source, so a rule only names the path of the offending key or value.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from eventsmith.asl.rules import _fixes as fixes
from eventsmith.asl.rules._catalogue import CATALOGUE
from eventsmith.asl.syntax._document import Diagnostic, Fix, Path, Severity
from eventsmith.asl.syntax._model import Machine
from eventsmith.asl.syntax._source import StateMachineSource, is_placeholder

Anchor = Literal["key", "value"]
ERROR = Severity.ERROR
WARNING = Severity.WARNING
INFORMATION = Severity.INFORMATION
HINT = Severity.HINT
# The timestamps Step Functions accepts (Wait `Timestamp`, Choice `Timestamp*` operands).
RFC3339_TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)


@dataclass
class Context:
    source: StateMachineSource
    machine: Machine
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # (variable name, path of the value using it), collected by the JSONPath/JSONata rules.
    variable_uses: list[tuple[str, Path]] = field(default_factory=list)

    def report(
        self,
        code: str,
        message: str,
        path: Path,
        *,
        severity: Severity | None = None,
        anchor: Anchor = "value",
        fix: Fix | None = None,
        within: tuple[int, int] | None = None,
    ) -> None:
        """Report at the key or value at `path`; `within` = (offset, length) narrows the range
        to part of a string value (a function name, a `$variable` in an expression). The
        severity is the code's default in the catalogue unless a rule passes another."""
        if severity is None:
            info = CATALOGUE.get(code)
            severity = info.severity if info is not None else ERROR
        source = self.source
        if within is not None:
            where = source.string_range(path, *within)
        else:
            where = source.key_range(path) if anchor == "key" else source.value_range(path)
        if fix is not None and not source.locations.exact:
            fix = None
        self.diagnostics.append(Diagnostic(code, severity, message, where, path, fix))

    # Fixes (see _fixes.py); dropped where spans only approximate the text.

    def replace_value_fix(self, path: Path, title: str, new_value: object) -> Fix:
        return fixes.replace_value(self.source, path, title, new_value)

    def rename_key_fix(self, path: Path, new_key: str) -> Fix | None:
        return fixes.rename_key(self.source, path, new_key)

    def add_member_fix(self, object_path: Path, key: str, value: object, title: str) -> Fix | None:
        return fixes.add_member(self.source, object_path, key, value, title)

    def remove_member_fix(self, path: Path) -> Fix | None:
        return fixes.remove_member(self.source, path)


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a mistyped word, if one is close enough."""
    return _closest(word, tuple(candidates))


# difflib compares the word with every candidate: ~35 ms over 1,000 state names, paid again on
# each edit that leaves the same name dangling (a keystroke elsewhere). The answer depends only
# on the word and the candidates, so it is kept for recent (word, candidates) pairs.
@functools.lru_cache(maxsize=64)
def _closest(word: str, pool: tuple[str, ...]) -> str | None:
    lowered = {candidate.lower(): candidate for candidate in pool}
    if word.lower() in lowered:
        return lowered[word.lower()]
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> tuple[str, str | None]:
    """(message suffix, suggestion) for an unknown name."""
    suggestion = suggest(word, candidates)
    return (f"; did you mean '{suggestion}'?" if suggestion else "", suggestion)


def opaque(value: object) -> bool:
    """A `${...}` placeholder or a CloudFormation intrinsic (`{"Ref": ...}`, `{"Fn::GetAtt":
    ...}`, ...): CloudFormation resolves it before Step Functions sees the definition, so its
    real value is unknown and no rule judges it."""
    if isinstance(value, dict):
        return len(value) == 1 and _intrinsic(next(iter(value)))
    return isinstance(value, str) and "${" in value and is_placeholder(value)


def _intrinsic(key: object) -> bool:
    return isinstance(key, str) and (key == "Ref" or key.startswith("Fn::"))


def type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
