"""Bindings generated from fuzzed discoveries compile: Python under `mypy --strict`, TypeScript
under `tsc --strict`. Few examples by default (each runs two compilers); slow-marked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.codegen.conftest import require_tool
from tests.fuzz.campaign import SCHEMA_NAMES, budget, envelopes, json_objects, run, workdir


def generated(folder: Path, language: str) -> list[str]:
    return [str(p) for p in (folder / language).rglob("*.py" if language == "python" else "*.ts")]


@pytest.mark.slow
@budget(2)
@given(
    events=st.lists(st.one_of(envelopes(), json_objects), min_size=1, max_size=4),
    name=st.sampled_from(SCHEMA_NAMES),
)
def test_generated_bindings_pass_strict_compilers(events: list[Any], name: str) -> None:
    tsc = require_tool("tsc")
    with workdir() as folder:
        registry = folder / "registry.sqlite3"
        path = folder / "events.jsonl"
        path.write_text("\n".join(json.dumps(e) for e in events) + "\n", "utf-8")
        run("--registry", str(registry), "discover", str(path), "--name", name)
        for language in ("python", "typescript"):
            result = run(
                "--registry", str(registry), "codegen", "--all", "--lang", language,
                "--out", str(folder / language),
            )  # fmt: skip
            assert result.exit_code == 0, result.output
        sources, scripts = generated(folder, "python"), generated(folder, "typescript")
        assert sources and scripts
        python = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--explicit-package-bases", *sources],
            cwd=folder / "python", capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert python.returncode == 0, python.stdout
        typescript = subprocess.run(
            [tsc, "--strict", "--noEmit", "--target", "es2020", "--module", "commonjs",
             *scripts],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert typescript.returncode == 0, typescript.stdout
