"""How far reading has got, in bytes, for a progress bar that must not slow the reading down.

Positions are taken now and then (per chunk of events), never per line: for files it is the
offset in the file on disk (so a `.gz` advances by compressed bytes, matching the total taken
from file sizes), for stdin a running count of the bytes that went by.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True)
class ReadProgress:
    """How far an `EventReader` has got: a snapshot for a progress bar or a status line.

    `bytes_total` is None when stdin is among the inputs (its size is unknown). Bytes are
    on-disk bytes, so a `.gz` file advances by compressed bytes, as its total counts them.
    """

    bytes_done: int
    bytes_total: int | None
    documents: int
    files_done: int
    files_total: int
    path: str | None
    """The file being read (`<stdin>` for stdin), None before the first document."""

    @property
    def fraction(self) -> float | None:
        """0.0 to 1.0, None when the total is unknown."""
        if not self.bytes_total:
            return None
        return min(1.0, self.bytes_done / self.bytes_total)


class ByteTracker:
    """Feeds the progress callback in chunks; for files the position is the on-disk offset
    (compressed bytes for `.gz`), for stdin a count of the bytes that went by."""

    def __init__(self, raw: IO[bytes], stream: IO[bytes], report: Callable[[int], None]) -> None:
        self._raw = raw
        self._stream = stream
        self._send = report
        self._reported = 0
        self._counted = 0
        try:
            self.seekable = raw.seekable()
        except (OSError, ValueError):
            self.seekable = False

    def count(self, data: bytes) -> None:
        if not self.seekable:
            self._counted += len(data)

    def counting(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        """`chunks`, counted as they go by when the stream cannot tell its position."""
        if self.seekable:
            return chunks
        return self._count_each(chunks)

    def _count_each(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            self._counted += len(chunk)
            yield chunk

    def expected_size(self) -> float:
        """Roughly how many bytes the stream holds; infinite when unknown (stdin)."""
        if not self.seekable:
            return float("inf")
        try:
            size = os.fstat(self._raw.fileno()).st_size
        except (OSError, ValueError, AttributeError):
            return float("inf")
        # On-disk size of a .gz understates the JSON inside; 8x is a typical ratio for events.
        return size * 8 if self._raw is not self._stream else size

    def _position(self) -> int:
        if self.seekable:
            try:
                return self._raw.tell()
            except (OSError, ValueError):
                self.seekable = False
        return self._counted

    def update(self) -> None:
        self._report(self._position())

    def finish(self) -> None:
        self._report(self._position())

    def _report(self, position: int) -> None:
        delta = position - self._reported
        if delta > 0:
            self._reported = position
            self._send(delta)
