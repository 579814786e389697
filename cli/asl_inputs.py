"""What the `asl` commands read the same way: substitutions, the state machine of a file, and
the workflow files of a folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from eventsmith.asl import (
    STATE_MACHINE_TYPES,
    StateMachineSource,
    SubstitutionsError,
    UnknownStateMachine,
    parse_document,
    parse_substitutions,
    select_state_machine,
)
from eventsmith.cli.output import EXIT_ERROR, fail, warn

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


def machine_options(command: Any) -> Any:
    """`--machine` and `--substitutions`, for commands that use one state machine of a file."""
    command = click.option(
        "--machine",
        metavar="NAME",
        help="State machine to use from a SAM/CloudFormation template (logical id). "
        "Default: the first one.",
    )(command)
    return substitutions_option(command)


def load_state_machine(
    file: Path, machine: str | None, values: dict[str, str] | None
) -> StateMachineSource:
    """The state machine `--machine` names in `file` (the first by default); syntax errors
    are warned about, and what could be read is used."""
    text = file.read_text(encoding="utf-8", errors="replace")
    parsed = parse_document(text, str(file), values)
    machines = parsed.state_machines
    syntax = [d for d in parsed.diagnostics if d.severity == "error"]
    if syntax:
        first = syntax[0]
        where = f"{first.range.start.line + 1}:{first.range.start.character + 1}"
        warn(f"{file}:{where}: {first.message} (drawing what could be read)")
    chosen = select_state_machine(machines, machine)
    if chosen is None:
        fail(f"{file}: no state machine found", EXIT_ERROR)
    if isinstance(chosen, UnknownStateMachine):
        fail(f"{file}: {chosen.message}", EXIT_ERROR)
    return chosen


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
