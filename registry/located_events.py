"""Events read together with their file and line, for reports that point at each one.

Discovery's `EventReader` is built for throughput and batches documents; validation needs the
place of every single event instead. Folders are expanded by `EventReader.files()` so both
commands accept the same inputs (files, folders, `.json`/`.jsonl`/`.ndjson`, `.gz`, `-`).
JSON Lines are read a line at a time; a `.json` array is parsed whole and its elements' lines
come from `array_element_lines`.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .events_input import EventReader as _PathExpander
from .events_input import InputProblem
from .json_stream import array_element_lines

_LINE_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class LocatedEvent:
    file: str
    line: int | None
    event: Any


class LocatedEventReader:
    """Iterate `LocatedEvent`s; `problems` collects what could not be read, with its place."""

    def __init__(self, paths: Sequence[str | Path], *, stdin: IO[bytes] | None = None) -> None:
        self._paths = paths
        self._stdin = stdin
        self.problems: list[InputProblem] = []
        self.files_failed = 0
        self.malformed = 0

    def events(self) -> Iterator[LocatedEvent]:
        expander = _PathExpander(self._paths)
        files = expander.files()
        self.problems.extend(expander.problems)
        self.files_failed += expander.files_failed
        for path in files:
            display = "<stdin>" if path is None else str(path)
            found = 0
            try:
                with self._open(path) as text:
                    for event in self._parse(display, path, text):
                        found += 1
                        yield event
            except (OSError, EOFError, zlib.error, UnicodeDecodeError) as error:
                self.files_failed += 1
                self.problems.append(InputProblem(display, None, f"cannot read: {error}"))
                continue
            if not found and not any(p.path == display for p in self.problems):
                self.problems.append(InputProblem(display, None, "no events (empty input)"))

    def _open(self, path: Path | None) -> IO[str]:
        if path is None:
            raw: IO[bytes] = self._stdin or sys.stdin.buffer
            return io.TextIOWrapper(raw, encoding="utf-8-sig")
        if path.name.lower().endswith(".gz"):
            return gzip.open(path, "rt", encoding="utf-8-sig")
        return open(path, encoding="utf-8-sig")

    def _parse(self, display: str, path: Path | None, text: IO[str]) -> Iterator[LocatedEvent]:
        name = path.name.lower().removesuffix(".gz") if path is not None else ""
        first = text.readline()
        if name.endswith(_LINE_SUFFIXES) or (not name.endswith(".json") and _parses(first)):
            yield from self._lines(display, first, text)
            return
        data = first + text.read()
        if not data.strip():
            return
        try:
            document = json.loads(data)
        except json.JSONDecodeError as error:
            if _parses(first) and data.count("\n") > 1:
                yield from self._lines(display, "", io.StringIO(data))
                return
            self._malformed(
                display, error.lineno, f"invalid JSON at column {error.colno}: {error.msg}"
            )
            return
        if isinstance(document, list):
            lines = array_element_lines(data)
            for index, event in enumerate(document):
                yield LocatedEvent(display, lines[index] if index < len(lines) else None, event)
        else:
            leading = data[: len(data) - len(data.lstrip())]
            yield LocatedEvent(display, 1 + leading.count("\n"), document)

    def _lines(self, display: str, first: str, rest: IO[str]) -> Iterator[LocatedEvent]:
        number = 0
        for line in _chain(first, rest):
            number += 1
            if not line.strip():
                continue
            try:
                event = json.loads(line)
            except json.JSONDecodeError as error:
                self._malformed(
                    display, number, f"invalid JSON at column {error.colno}: {error.msg}"
                )
                continue
            yield LocatedEvent(display, number, event)

    def _malformed(self, display: str, line: int | None, message: str) -> None:
        self.malformed += 1
        self.problems.append(InputProblem(display, line, message))


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest


def _parses(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return bool(line.strip())
