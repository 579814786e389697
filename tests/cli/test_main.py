"""The command tree: every advertised subcommand loads and answers --help."""

from __future__ import annotations

import subprocess
import sys

import pytest

COMMANDS = ["app", "asl", "codegen", "demo", "discover", "lsp", "match", "schemas", "validate"]


def eventsmith(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventsmith.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_top_level_help_lists_every_command() -> None:
    result = eventsmith("--help")
    assert result.returncode == 0
    section = result.stdout.split("Commands:")[1].splitlines()
    # Command names start the entry lines; wrapped descriptions are indented further.
    listed = [line.split()[0] for line in section if line.startswith("  ") and line[2] != " "]
    assert listed == COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_loads(command: str) -> None:
    result = eventsmith(command, "--help")
    assert result.returncode == 0, result.stderr
    assert f"Usage: eventsmith {command}" in result.stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = eventsmith("discovr")
    assert result.returncode == 2
    assert "No such command 'discovr'" in result.stderr
