"""Streaming JSON documents out of files, folders, gzip and stdin, reporting what cannot be read.

Formats by file name: `.jsonl`/`.ndjson` are JSON Lines, `.json` is one document (an array is
read as one document per element), any of them may end in `.gz`. Other files and stdin are
sniffed: a first line that is complete JSON means JSON Lines, anything else one document.
JSON Lines are parsed in chunks of a few lines and `.json` arrays over `STREAM_ARRAY_BYTES` one
element at a time (`json_stream`), so memory does not grow with the number of events.

Bad input never stops the run: a malformed line becomes an `InputProblem` with `file:line`, an
unreadable file one without a line, and the rest is read. Only the first `max_problems` problems
are kept (the count goes on), so a file of garbage cannot exhaust memory either.

`batches()` is the fast form (discovery, matching); `located()` gives each document with its file
and line, for reports that point at every event (validation).
"""

from __future__ import annotations

import contextlib
import gzip
import itertools
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import orjson

from eventsmith.events._depth import MAX_DEPTH, is_depth_error, loads_deep
from eventsmith.events._formats import (
    file_kind,
    file_stem,
    is_event_file,
    looks_like_lines,
    parses,
)
from eventsmith.events._json_stream import ArrayError, array_element_lines, array_values
from eventsmith.events._progress import ByteTracker, ReadProgress

STDIN = "-"
_BATCH = 32
BLOCK_BYTES = 1 << 20
STREAM_ARRAY_BYTES = 16 << 20
"""`.json` arrays bigger than this are read element by element instead of parsed whole."""
_BOM = b"\xef\xbb\xbf"
_SNIFF_BLANK_LINES = 64


@dataclass(frozen=True)
class InputProblem:
    """Something in the input that was skipped: a file, or one line of it."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class LocatedEvent:
    """One document and where it starts: its file and 1-based line (None when unknown)."""

    file: str
    line: int | None
    event: Any


class EventReader:
    """Iterates `(stem, document)` over paths; counters and problems fill in as it goes.

    `on_bytes(n)` is called now and then with the number of bytes read since the last call
    (compressed bytes for `.gz`), for a progress bar over `total_bytes()`.
    """

    def __init__(
        self,
        paths: Sequence[str | Path],
        *,
        on_bytes: Callable[[int], None] | None = None,
        stdin: IO[bytes] | None = None,
        max_problems: int = 1000,
    ) -> None:
        self._paths = [str(path) for path in paths]
        self.on_bytes = on_bytes or (lambda _n: None)
        self._stdin = stdin
        self._max_problems = max_problems
        self.problems: list[InputProblem] = []
        self.problem_count = 0
        self.malformed = 0
        self.files_read = 0
        self.files_failed = 0
        self.bytes_read = 0
        self.documents_read = 0
        self._files: list[Path | None] | None = None
        self._total_bytes: int | None = -1  # -1: not measured yet
        self._missing = 0
        self._batch_path = ""
        self._batch_lines: Sequence[int | None] | None = None
        self._locating = False

    @property
    def current_path(self) -> str | None:
        """The file the last batch came from (`<stdin>` for stdin), None before the first."""
        return self._batch_path or None

    # -- what to read ----------------------------------------------------------------------

    def _problem(self, path: str, line: int | None, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < self._max_problems:
            self.problems.append(InputProblem(path, line, message))

    def _add_bytes(self, count: int) -> None:
        self.bytes_read += count
        self.on_bytes(count)

    def report(self, batch: list[Any], document: Any, message: str) -> None:
        """Record a problem with `document` of the batch just yielded, at its file and line."""
        self.report_at(next(i for i, item in enumerate(batch) if item is document), message)

    def report_at(self, index: int, message: str) -> None:
        """Record a problem with document `index` of the batch just yielded, at its file and
        line (when known). Equal small values (`1`, `"x"`) are one object in Python, so an
        index, not identity, says which one is meant."""
        line = None
        if self._batch_lines is not None and index < len(self._batch_lines):
            line = self._batch_lines[index]
        self._problem(self._batch_path, line, message)

    def files(self) -> list[Path | None]:
        """The files to read, folders expanded (None stands for stdin); missing ones reported."""
        if self._files is not None:
            return self._files
        found: list[Path | None] = []
        for text in self._paths:
            if text == STDIN:
                found.append(None)
                continue
            path = Path(text)
            if path.is_dir():
                inside = sorted(
                    p
                    for p in path.rglob("*")
                    if is_event_file(p)
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                    and p.is_file()
                )
                if not inside:
                    self._problem(text, None, "no .json, .jsonl or .ndjson files (or .gz) here")
                found.extend(inside)
            elif path.exists():
                found.append(path)
            else:
                self.files_failed += 1
                self._missing += 1
                self._problem(text, None, "no such file or directory")
        self._files = found
        return found

    def total_bytes(self) -> int | None:
        """Size of all input files on disk; None when stdin is among them."""
        if self._total_bytes != -1:
            return self._total_bytes
        total: int | None = 0
        for path in self.files():
            if path is None:
                total = None
                break
            with contextlib.suppress(OSError):
                total = (total or 0) + path.stat().st_size
        self._total_bytes = total
        return total

    def progress(self) -> ReadProgress:
        """Where reading stands now (cheap: sizes are taken once, on the first call)."""
        return ReadProgress(
            bytes_done=self.bytes_read,
            bytes_total=self.total_bytes(),
            documents=self.documents_read,
            files_done=self.files_read + self.files_failed,
            files_total=len(self.files()) + self._missing,
            path=self.current_path,
        )

    # -- reading ---------------------------------------------------------------------------

    def located(self) -> Iterator[LocatedEvent]:
        """Every document with its file and the line it starts on, one at a time.

        JSON Lines give their line, a `.json` array the line each element starts on, a single
        document the line its first character is on. The lines of a `.json` file parsed whole
        cost a second pass over its text (`array_element_lines`), which `batches()` skips.
        """
        self._locating = True
        for _stem, batch in self.batches():
            display, lines = self._batch_path, self._batch_lines
            if lines is None:
                lines = [None] * len(batch)
            for line, document in zip(lines, batch, strict=True):
                yield LocatedEvent(display, line, document)

    def documents(self) -> Iterator[tuple[str, Any]]:
        """Every document as `(stem, document)`; `batches()` is the faster form."""
        for stem, batch in self.batches():
            for document in batch:
                yield stem, document

    def batches(self) -> Iterator[tuple[str, list[Any]]]:
        """Documents in small lists, with the stem of the file they came from.

        Batching keeps the per-document cost of the generator machinery out of the hot loop;
        JSON Lines come in chunks of `_BATCH` (small, so parsed events are still in the CPU
        cache when inference walks them), a `.json` array as one list.
        """
        for path in self.files():
            if path is None:
                piped = self._stdin or sys.stdin.buffer
                yield from self._read_file("<stdin>", "stdin", piped, piped, "sniff")
                continue
            try:
                raw = open(path, "rb")  # noqa: SIM115 - closed by the with below
            except OSError as error:
                self.files_failed += 1
                self._problem(str(path), None, f"cannot read: {error.strerror or error}")
                continue
            with raw:
                stream: IO[bytes] = raw
                if path.name.lower().endswith(".gz"):
                    stream = cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
                yield from self._read_file(str(path), file_stem(path), stream, raw, file_kind(path))

    def _read_file(
        self, display: str, stem: str, stream: IO[bytes], raw: IO[bytes], kind: str
    ) -> Iterator[tuple[str, list[Any]]]:
        documents_before, problems_before = self.documents_read, self.problem_count
        try:
            yield from self._read_stream(display, stem, stream, raw, kind)
        except (OSError, EOFError, zlib.error) as error:
            self.files_failed += 1
            self._problem(display, None, f"cannot read: {error}")
            return
        self.files_read += 1
        if self.documents_read == documents_before and self.problem_count == problems_before:
            self._problem(display, None, "no events (empty input)")

    def _read_stream(
        self, display: str, stem: str, stream: IO[bytes], raw: IO[bytes], kind: str
    ) -> Iterator[tuple[str, list[Any]]]:
        tracker = ByteTracker(raw, stream, self._add_bytes)
        # A bounded first read: a one-line 1 GB array must not be read as one "line".
        first = stream.readline(BLOCK_BYTES)
        tracker.count(first)
        if first.startswith(_BOM):
            first = first[len(_BOM) :]
        blank: list[bytes] = []
        if kind == "sniff":
            # Blank lines say nothing of the format: sniff the first line with something on it,
            # so a pretty-printed document after an empty line is not read as broken lines.
            while first and not first.strip() and len(blank) < _SNIFF_BLANK_LINES:
                blank.append(first)
                first = stream.readline(BLOCK_BYTES)
                tracker.count(first)
            kind = "lines" if parses(first) or not first.strip() else "document"
        if kind == "lines":
            if len(first) == BLOCK_BYTES and not first.endswith(b"\n"):
                rest_of_line = stream.readline()  # a JSON line longer than the first read
                tracker.count(rest_of_line)
                first += rest_of_line
            lines = tracker.counting(iter(stream))
            yield from self._lines(display, stem, itertools.chain(blank, (first,), lines), tracker)
        else:
            rest = tracker.counting(iter(lambda: stream.read(BLOCK_BYTES), b""))
            chunks = itertools.chain(blank, (first,), rest)
            if first.lstrip().startswith(b"[") and tracker.expected_size() > STREAM_ARRAY_BYTES:
                yield from self._array(display, stem, chunks, tracker)
            else:
                yield from self._document(display, stem, b"".join(chunks), tracker)
        tracker.finish()

    def _array(
        self, display: str, stem: str, chunks: Iterator[bytes], tracker: ByteTracker
    ) -> Iterator[tuple[str, list[Any]]]:
        def malformed(line: int, message: str) -> None:
            self.malformed += 1
            self._problem(display, line, message)

        batch: list[Any] = []
        numbers: list[int] = []
        try:
            for line, value in array_values(chunks, malformed):
                batch.append(value)
                numbers.append(line)
                if len(batch) == _BATCH:
                    yield self._yield_batch(display, stem, batch, numbers)
                    batch, numbers = [], []
                    tracker.update()
        except ArrayError as error:
            self._problem(display, error.line, f"invalid JSON: {error}")
        except UnicodeDecodeError as error:
            self._problem(display, None, f"invalid JSON: not UTF-8 ({error.reason})")
        if batch:
            yield self._yield_batch(display, stem, batch, numbers)

    def _lines(
        self, display: str, stem: str, lines: Iterator[bytes], tracker: ByteTracker
    ) -> Iterator[tuple[str, list[Any]]]:
        loads = orjson.loads
        base = 0
        while chunk := list(itertools.islice(lines, _BATCH)):
            try:
                # The common case, every line valid, parses the chunk without a Python loop.
                batch = list(map(loads, chunk))
                numbers: Sequence[int] = range(base + 1, base + 1 + len(chunk))
            except orjson.JSONDecodeError:
                batch, numbers = self._parse_one_by_one(display, chunk, base)
            base += len(chunk)
            if batch:
                yield self._yield_batch(display, stem, batch, numbers)
            tracker.update()

    def _parse_one_by_one(
        self, display: str, chunk: list[bytes], base: int
    ) -> tuple[list[Any], list[int]]:
        batch: list[Any] = []
        numbers: list[int] = []
        for number, line in enumerate(chunk, base + 1):
            try:
                batch.append(_loads(line))
            except orjson.JSONDecodeError as error:
                if line.strip():
                    self.malformed += 1
                    self._problem(display, number, _describe(error, line))
                continue
            numbers.append(number)
        return batch, numbers

    def _yield_batch(
        self, display: str, stem: str, batch: list[Any], numbers: Sequence[int | None] | None
    ) -> tuple[str, list[Any]]:
        self.documents_read += len(batch)
        self._batch_path = display
        self._batch_lines = numbers
        return stem, batch

    def _document(
        self, display: str, stem: str, data: bytes, tracker: ByteTracker
    ) -> Iterator[tuple[str, list[Any]]]:
        if not data.strip():
            return
        try:
            document = _loads(data, array_of_documents=True)
        except orjson.JSONDecodeError as error:
            # A `.json` file holding JSON Lines is common enough to accept without a word.
            if looks_like_lines(data):
                yield from self._lines(display, stem, iter(data.splitlines()), tracker)
                return
            self.malformed += 1
            self._problem(display, _error_line(error, data), _describe(error, data))
            return
        documents = document if isinstance(document, list) else [document]
        if documents:
            numbers = _document_lines(data, document) if self._locating else None
            yield self._yield_batch(display, stem, documents, numbers)


def _document_lines(data: bytes, document: Any) -> list[int | None]:
    """The line each document of a `.json` file parsed whole starts on (None when unknown)."""
    if not isinstance(document, list):
        return [1 + data[: len(data) - len(data.lstrip())].count(b"\n")]
    # orjson accepted the bytes, so they are UTF-8; the BOM is already gone.
    found: list[int | None] = list(array_element_lines(data.decode()))
    return found + [None] * (len(document) - len(found))


def _loads(data: bytes, array_of_documents: bool = False) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        if not is_depth_error(error):
            raise
    # Deeper than orjson goes (1,024 levels): cut at MAX_DEPTH like any deep document. The
    # elements of a `.json` array are the documents, so their levels count from themselves.
    nested = array_of_documents and data.lstrip(_BOM + b" \t\r\n").startswith(b"[")
    return loads_deep(data, MAX_DEPTH + 1 if nested else MAX_DEPTH)


def _describe(error: orjson.JSONDecodeError, data: bytes) -> str:
    if "utf-8" in error.msg.lower():
        # orjson reports bad UTF-8 at column 1 whatever the byte; find the byte itself.
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            line_start = data.rfind(b"\n", 0, bad.start) + 1
            return (
                f"invalid UTF-8 at byte {bad.start - line_start + 1} of the line"
                f" (0x{data[bad.start]:02X}: {bad.reason})"
            )
    return f"invalid JSON at column {error.colno}: {error.msg}"


def _error_line(error: orjson.JSONDecodeError, data: bytes) -> int:
    """The 1-based line of `data` the error is on (orjson puts bad UTF-8 on line 1)."""
    if "utf-8" in error.msg.lower():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            return 1 + data.count(b"\n", 0, bad.start)
    return error.lineno
