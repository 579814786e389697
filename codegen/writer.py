"""Writing generated files, and comparing a folder with what would be generated (`--check`)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .generate import Bindings
from .layout import safe_join


def write_bindings(out_dir: Path, bindings: Bindings) -> list[PurePosixPath]:
    """Write every file whose content differs; returns the paths written.

    Unchanged files are left alone so their timestamps do not trigger rebuilds downstream.
    """
    written = []
    for file in bindings.files:
        target = safe_join(out_dir, file.path)
        data = file.content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(file.path)
    return written


def differing_files(out_dir: Path, bindings: Bindings) -> list[PurePosixPath]:
    """Generated files that are missing from `out_dir` or whose bytes differ."""
    different = []
    for file in bindings.files:
        target = safe_join(out_dir, file.path)
        if not target.is_file() or target.read_bytes() != file.content.encode("utf-8"):
            different.append(file.path)
    return different
