"""Per-code configuration of the ASL checks, as ruff and ESLint users expect.

```toml
[tool.eventsmith.asl]
select = ["ASL"]                 # code prefixes to report (default: all)
ignore = ["ASL107", "ASL9"]      # code prefixes to drop
severity = {ASL903 = "error"}    # per-code severity override
strict = true                    # every warning counts as an error
```

The table is read from the nearest pyproject.toml above the checked file that has one. The
language server passes the same keys as a mapping (`settings_from_mapping`). Between a select
and an ignore prefix that both match a code, the longer one wins, as in ruff; on a tie the
code is ignored. Bad settings never raise: they come back as `problems` to show the user.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from eventsmith.asl.syntax._document import Diagnostic, Severity

_CODE_PREFIX = re.compile(r"ASL\d{0,3}$")
_CODE = re.compile(r"ASL\d{3}$")
_SEVERITIES = {severity.value: severity for severity in Severity}


@dataclass(frozen=True)
class AslSettings:
    """Which codes to report and how severe they are. The default reports everything."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    strict: bool = False
    source: str | None = None  # the pyproject.toml the settings came from
    problems: tuple[str, ...] = ()  # settings that could not be used, for the user to fix

    def merged(
        self,
        *,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        strict: bool = False,
    ) -> AslSettings:
        """These settings with command-line options on top: `select` replaces, `ignore` adds."""
        new_select, bad_select = _prefixes(_split(select), "select")
        new_ignore, bad_ignore = _prefixes(_split(ignore), "ignore")
        return replace(
            self,
            select=new_select if select else self.select,
            ignore=self.ignore + new_ignore,
            strict=self.strict or strict,
            problems=self.problems + bad_select + bad_ignore,
        )

    def reports(self, code: str) -> bool:
        selected = _longest(code, self.select) if self.select else 0  # 0: selected by default
        if selected < 0:
            return False
        ignored = _longest(code, self.ignore)
        return ignored < 0 or selected > ignored

    def severity_of(self, code: str, default: Severity) -> Severity:
        for overridden, severity in self.severity:
            if overridden == code:
                return severity
        if self.strict and default is Severity.WARNING:
            return Severity.ERROR
        return default


def apply_settings(diagnostics: Iterable[Diagnostic], settings: AslSettings) -> list[Diagnostic]:
    """The diagnostics the settings keep, each with its configured severity."""
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        if not settings.reports(diagnostic.code):
            continue
        severity = settings.severity_of(diagnostic.code, diagnostic.severity)
        kept.append(
            diagnostic
            if severity is diagnostic.severity
            else replace(diagnostic, severity=severity)
        )
    return kept


def load_asl_settings(path: str | Path) -> AslSettings:
    """The `[tool.eventsmith.asl]` settings for a checked file (or a folder), from the nearest
    pyproject.toml above it that has the table; the defaults when there is none."""
    start = Path(path).resolve()
    folders = [start, *start.parents] if start.is_dir() else list(start.parents)
    for folder in folders:
        candidate = folder / "pyproject.toml"
        if not candidate.is_file():
            continue
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            return AslSettings(source=str(candidate), problems=(f"{candidate}: {error}",))
        table = data.get("tool", {}).get("eventsmith", {}).get("asl")
        if table is not None:
            return settings_from_mapping(table, source=str(candidate))
    return AslSettings()


def settings_from_mapping(table: object, source: str | None = None) -> AslSettings:
    """Settings from a parsed `[tool.eventsmith.asl]` table or the language server's
    `eventsmith.asl` section: keys select, ignore, severity, strict."""
    where = f"{source}: " if source else ""
    if not isinstance(table, Mapping):
        return AslSettings(source=source, problems=(f"{where}the asl settings must be a table",))
    problems: list[str] = []
    select, bad = _prefixes(_strings(table.get("select", ()), "select", problems), "select")
    problems.extend(bad)
    ignore, bad = _prefixes(_strings(table.get("ignore", ()), "ignore", problems), "ignore")
    problems.extend(bad)
    severity: list[tuple[str, Severity]] = []
    overrides = table.get("severity", {})
    if not isinstance(overrides, Mapping):
        problems.append("'severity' must map codes to error/warning/information/hint")
        overrides = {}
    for code, value in overrides.items():
        level = _SEVERITIES.get(str(value).lower())
        if not _CODE.match(str(code)):
            problems.append(f"severity: {code!r} is not a code such as ASL903")
        elif level is None:
            problems.append(f"severity: {code} = {value!r} is not one of {', '.join(_SEVERITIES)}")
        else:
            severity.append((str(code), level))
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        problems.append("'strict' must be true or false")
        strict = False
    for key in table:
        if key not in ("select", "ignore", "severity", "strict"):
            problems.append(f"unknown asl setting {key!r} (select, ignore, severity, strict)")
    return AslSettings(
        select, ignore, tuple(severity), strict, source, tuple(where + p for p in problems)
    )


def _strings(value: Any, key: str, problems: list[str]) -> list[str]:
    if isinstance(value, str):
        return _split([value])
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return _split(value)
    problems.append(f'\'{key}\' must be a list of code prefixes such as ["ASL9", "ASL107"]')
    return []


def _split(values: Iterable[str]) -> list[str]:
    """`--ignore ASL1,ASL2 --ignore ASL3` and lists alike."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _prefixes(values: Sequence[str], key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    good = tuple(value.upper() for value in values if _CODE_PREFIX.match(value.upper()))
    bad = tuple(
        f"{key}: {value!r} is not a code or code prefix such as ASL9 or ASL903"
        for value in values
        if not _CODE_PREFIX.match(value.upper())
    )
    return good, bad


def _longest(code: str, prefixes: Sequence[str]) -> int:
    """Length of the longest prefix matching `code`, -1 when none does."""
    return max((len(prefix) for prefix in prefixes if code.startswith(prefix)), default=-1)


# `"Comment": "Retries on purpose. eventsmith: ignore ASL503, ASL107"` on a state silences
# those codes for that state; on the definition itself, for the whole state machine. With no
# codes after `ignore`, every code is silenced there.
_DIRECTIVE = re.compile(r"eventsmith:\s*ignore\b((?:[\s,]*ASL\d{1,3}\b)*)", re.IGNORECASE)


def directive_codes(comment: object) -> tuple[str, ...] | None:
    """The code prefixes an inline `eventsmith: ignore` directive names (`()` = every code),
    None when the comment has no directive."""
    if not isinstance(comment, str):
        return None
    match = _DIRECTIVE.search(comment)
    if match is None:
        return None
    return tuple(code.upper() for code in re.findall(r"ASL\d{1,3}", match.group(1), re.I))


def without_silenced(
    diagnostics: list[Diagnostic], comments: Mapping[tuple[str | int, ...], object]
) -> list[Diagnostic]:
    """Drop what an inline directive silences. `comments` maps the path of each state (and
    `()` for the definition) to its Comment; a finding belongs to the deepest state holding
    its path."""
    directives = {
        path: codes
        for path, comment in comments.items()
        if (codes := directive_codes(comment)) is not None
    }
    if not directives:
        return diagnostics
    owners = sorted(comments, key=len, reverse=True)
    kept = []
    for diagnostic in diagnostics:
        owner = next((path for path in owners if diagnostic.path[: len(path)] == path), None)
        codes = directives.get(owner) if owner is not None else None
        if codes is None and owner != ():
            codes = directives.get(())
        if codes is not None and (not codes or _longest(diagnostic.code, codes) >= 0):
            continue
        kept.append(diagnostic)
    return kept
