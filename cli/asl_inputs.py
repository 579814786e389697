"""What the `asl` commands read the same way: substitutions files and workflow files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from eventsmith.asl import STATE_MACHINE_TYPES, SubstitutionsError, parse_substitutions
from eventsmith.cli.output import EXIT_ERROR, fail

EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
_WORKFLOW_SUFFIXES = (".asl.json", ".asl.yaml", ".asl.yml")
_TEMPLATE_SUFFIXES = (".json", ".yaml", ".yml", ".template")
_SKIPPED_DIRS = ("node_modules", "cdk.out", ".aws-sam")

substitutions_option = click.option(
    "--substitutions",
    "substitutions_file",
    type=EXISTING_FILE,
    help="JSON/YAML mapping of ${Name} DefinitionSubstitutions to fill in "
    "(bare, or under a DefinitionSubstitutions key).",
)


def load_substitutions(path: Path | None) -> dict[str, str] | None:
    """The values of a `--substitutions` file; exits with a usage error when it is unusable."""
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"cannot read substitutions from {path}: {error}", EXIT_ERROR)
    values = parse_substitutions(text)
    if isinstance(values, SubstitutionsError):
        fail(f"{path}: {values}", EXIT_ERROR)
    return values


def workflow_files(paths: tuple[Path, ...]) -> Iterator[Path]:
    """Named files as they are; in folders, ASL files and templates with a state machine."""
    for path in paths:
        if path.is_file():
            yield path
            continue
        for candidate in sorted(path.rglob("*")):
            relative = candidate.relative_to(path).parts
            if any(part.startswith(".") or part in _SKIPPED_DIRS for part in relative[:-1]):
                continue
            if candidate.is_file() and _is_workflow(candidate):
                yield candidate


def _is_workflow(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(_WORKFLOW_SUFFIXES):
        return True
    if not name.endswith(_TEMPLATE_SUFFIXES):
        return False
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(marker in text for marker in STATE_MACHINE_TYPES)
