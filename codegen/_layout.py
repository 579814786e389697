"""Where generated files go: the EventBridge package layout or one flat file per schema.

Every path segment is built from `[a-z0-9_]` only, so a schema name with `/`, `..` or any other
character can never point outside the output folder; `safe_join` checks it again on write.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from eventsmith.registry import pascal_case

LAYOUTS = ("eventbridge", "flat")
LANGUAGES = ("python", "typescript")

_UNSAFE = re.compile(r"[^a-z0-9_]")
# Package names TypeScript tooling or the Python import system treat specially.
_RESERVED_SEGMENTS = frozenset({"node_modules", "__pycache__", "__init__", "__main__"})


@dataclass(frozen=True)
class SchemaPlace:
    """What the layout needs to know about one schema."""

    name: str
    source: str | None
    detail_type: str | None


def segment(text: str) -> str:
    """One package or file name: lower-cased, `[a-z0-9_]`, importable from Python."""
    cleaned = _UNSAFE.sub("_", text.lower()).strip("_") or "_"
    if cleaned[0].isdigit() or keyword.iskeyword(cleaned) or cleaned in _RESERVED_SEGMENTS:
        cleaned = f"_{cleaned}" if cleaned[0].isdigit() else f"{cleaned}_"
    return cleaned


def package_parts(place: SchemaPlace) -> tuple[str, ...]:
    """`schema/<source parts>/<detail type>`, the package AWS generates bindings into.

    For `aws.ec2@EC2InstanceStateChangeNotification` that is
    `schema/aws/ec2/ec2instancestatechangenotification`: each dot-separated part of the source
    is one package, and the last one is the name after the last `@`, lower-cased.
    """
    head, at, tail = place.name.rpartition("@")
    source = place.source or (head if at else None)
    if at and tail:
        leaf = tail
    elif place.detail_type:
        leaf = pascal_case(place.detail_type) or place.detail_type
    else:
        return ("schema", segment(place.name))
    if not source:
        return ("schema", segment(leaf))
    return ("schema", *(segment(part) for part in source.split(".")), segment(leaf))


def module_path(place: SchemaPlace, language: str, layout: str) -> PurePosixPath:
    """The file holding one schema's bindings, relative to the output folder."""
    if layout == "flat":
        stem = "_".join(package_parts(place)[1:])
        return PurePosixPath(f"{stem}.py" if language == "python" else f"{stem}.ts")
    parts = package_parts(place)
    return PurePosixPath(*parts, "__init__.py" if language == "python" else "index.ts")


def package_markers(paths: list[PurePosixPath]) -> list[PurePosixPath]:
    """The empty `__init__.py` files that make every folder above a Python module a package."""
    modules = set(paths)
    markers: set[PurePosixPath] = set()
    for path in paths:
        for parent in list(path.parents)[:-1]:
            marker = parent / "__init__.py"
            if marker not in modules:
                markers.add(marker)
    return sorted(markers)


def disambiguate(paths: list[PurePosixPath]) -> list[PurePosixPath]:
    """Give schemas whose names clean up to the same path distinct ones (`..._2`), in order."""
    seen: set[PurePosixPath] = set()
    result = []
    for path in paths:
        candidate, number = path, 2
        while candidate in seen:
            candidate = _numbered(path, number)
            number += 1
        seen.add(candidate)
        result.append(candidate)
    return result


def _numbered(path: PurePosixPath, number: int) -> PurePosixPath:
    if path.name in ("__init__.py", "index.ts"):
        return path.parent.with_name(f"{path.parent.name}_{number}") / path.name
    return path.with_name(f"{path.stem}_{number}{path.suffix}")


class UnsafePath(ValueError):
    """A generated path would leave the output folder."""


def safe_join(root: Path, relative: PurePosixPath) -> Path:
    if relative.is_absolute() or any(part in ("", ".", "..") for part in relative.parts):
        raise UnsafePath(str(relative))
    target = (root / Path(*relative.parts)).resolve()
    if not target.is_relative_to(root.resolve()):
        raise UnsafePath(str(relative))
    return target
