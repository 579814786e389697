"""Check events against a stored schema version: every error as a value with its place.

Validation is JSON Schema 2020-12 (`jsonschema`), with `$defs` references resolved inside the
schema and string formats checked. The date and time formats use the same RFC 3339 checks as
discovery (`string_formats`), so an inferred `format` never rejects the events it came from,
and the checks do not depend on optional `jsonschema` extras being installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from eventsmith.registry._fast_validation import fast_check
from eventsmith.registry._string_formats import DATE, DATE_TIME, TIME, format_mask, single_check
from eventsmith.registry._subschemas import escape_pointer

_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s]*")


@dataclass(frozen=True)
class EventError:
    """One way an event breaks the schema.

    `line` is the event's line (JSON Lines, or the element's first line in a JSON array), None
    when unknown; `pointer` is the JSON pointer of the offending value inside the event ("" is
    the whole event).
    """

    file: str
    line: int | None
    pointer: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.pointer or '/'}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    events: int
    invalid_events: int
    errors: tuple[EventError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def _checks(bit: int) -> Any:
    return lambda value: not isinstance(value, str) or bool(format_mask(value, bit))


def _own_checks() -> dict[str, Callable[[str], object]]:
    """The string-only tests behind `format_checker`'s own formats (truthy: conforms), for
    callers that only ever pass strings and want no wrapper frames around the pattern."""
    own: dict[str, Callable[[str], object]] = {"uri": _URI.fullmatch}
    for name, bit in (("date-time", DATE_TIME), ("date", DATE), ("time", TIME)):
        check = single_check(bit)
        assert check is not None
        own[name] = check
    return own


def format_checker() -> FormatChecker:
    checker = FormatChecker()
    for name, bit in (("date-time", DATE_TIME), ("date", DATE), ("time", TIME)):
        checker.checks(name)(_checks(bit))
    checker.checks("uri")(lambda value: not isinstance(value, str) or bool(_URI.fullmatch(value)))
    return checker


def event_validator(schema: dict[str, Any]) -> Validator:
    """A compiled validator for one schema version; build it once, use it for every event."""
    return Draft202012Validator(schema, format_checker=format_checker())


def _pointer(error: ValidationError) -> str:
    return "".join(f"/{escape_pointer(str(part))}" for part in error.absolute_path)


def event_errors(validator: Validator, event: Any) -> list[tuple[str, str]]:
    """`(pointer, message)` for everything wrong with one event, in document order."""
    found = []
    for error in validator.iter_errors(event):
        shown = _closest(error)
        found.append((_pointer(shown), shown.message))
    return sorted(set(found))


def _closest(error: ValidationError) -> ValidationError:
    """For anyOf/oneOf ("not valid under any of the given schemas"): the error from the branch
    that came closest, i.e. whose type fit and that failed deepest inside the value."""
    if not error.context:
        return error
    fitting = [e for e in error.context if not (e.validator == "type" and not e.relative_path)]
    if not fitting:
        return error
    return _closest(max(fitting, key=lambda e: len(e.absolute_path)))


def _never(_event: Any) -> bool:
    return False


def validate_events(
    schema: dict[str, Any], events: Iterable[tuple[str, int | None, Any]]
) -> ValidationReport:
    """Check `(file, line, event)` triples against `schema`.

    Events a compiled jsonschema-rs check calls valid skip `jsonschema`; the others get its
    precise errors, so the report is the same as with `jsonschema` alone, only faster.
    """
    checker = format_checker()
    validator = Draft202012Validator(schema, format_checker=checker)
    known_valid = fast_check(schema, checker, _own_checks()) or _never
    errors: list[EventError] = []
    count = invalid = 0
    for file, line, event in events:
        count += 1
        if known_valid(event):
            continue
        found = event_errors(validator, event)
        if found:
            invalid += 1
            errors.extend(EventError(file, line, pointer, message) for pointer, message in found)
    return ValidationReport(count, invalid, tuple(errors))
