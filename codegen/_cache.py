"""A disk cache of generated Python modules, keyed by everything that decides their text.

datamodel-code-generator needs several milliseconds per class, so regenerating a registry of
hundreds of schemas (the `--check` run in CI, or the app after every discovery) would take
seconds. The key covers the generator's input, our header, the library's version and the
source of `_python.py` itself, so any change that could alter the output misses the cache.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from importlib import metadata
from pathlib import Path

_FORMAT = "1"


def _generator_fingerprint() -> str:
    try:
        library = metadata.version("datamodel-code-generator")
    except metadata.PackageNotFoundError:
        library = "unknown"
    ours = Path(__file__).with_name("_python.py").read_bytes()
    return hashlib.sha256(f"{_FORMAT}|{library}|".encode() + ours).hexdigest()


class SourceCache:
    """Generated sources stored as one file per key under `directory`; safe across processes."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._fingerprint = _generator_fingerprint()

    def key(self, *parts: str) -> str:
        digest = hashlib.sha256(self._fingerprint.encode())
        for part in parts:
            digest.update(b"\0" + part.encode("utf-8"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.py.txt"

    def get(self, key: str) -> str | None:
        try:
            return self._path(key).read_text(encoding="utf-8")
        except OSError:
            return None

    def put(self, key: str, text: str) -> None:
        """Write atomically; a cache that cannot be written is simply not used."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except OSError:
            return
