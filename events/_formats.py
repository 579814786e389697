"""How a file's format is told: by its name, else by sniffing its first line."""

from __future__ import annotations

from pathlib import Path

import orjson

LINE_SUFFIXES = (".jsonl", ".ndjson")
DOCUMENT_SUFFIXES = (".json",)
KNOWN_SUFFIXES = LINE_SUFFIXES + DOCUMENT_SUFFIXES


def file_stem(path: Path) -> str:
    name = path.name
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).stem or name


def file_kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith(LINE_SUFFIXES):
        return "lines"
    if name.endswith(DOCUMENT_SUFFIXES):
        return "document"
    return "sniff"


def is_event_file(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith(KNOWN_SUFFIXES)


def parses(line: bytes) -> bool:
    try:
        orjson.loads(line)
    except orjson.JSONDecodeError:
        return False
    return True


def looks_like_lines(data: bytes) -> bool:
    """Several lines, of which one of the first few is a whole object or array by itself."""
    lines = [line for line in data.splitlines()[:20] if line.strip()]
    if len(lines) < 2:
        return False
    for line in lines[:5]:
        try:
            if isinstance(orjson.loads(line), dict | list):
                return True
        except orjson.JSONDecodeError:
            continue
    return False
