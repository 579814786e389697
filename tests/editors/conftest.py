"""The VS Code extension as `.ci/run` packages it (`npm run package` in editors/vscode)."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

EXTENSION = Path(__file__).parents[2] / "editors" / "vscode"
VSIX = EXTENSION / "eventsmith.vsix"


NVIM_INSTALL = ".ci/run installs Debian's neovim (apt-get install neovim)"


def required_tool(name: str, installed_by: str) -> str:
    """The path of the program `name`. CI installs it (`installed_by` says how), so there a
    missing program fails the test; elsewhere the test is skipped."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: {installed_by}")
        pytest.skip(f"{name} is not installed ({installed_by})")
    return found


@pytest.fixture(scope="session")
def vsix() -> zipfile.ZipFile:
    if not VSIX.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{VSIX} was not built: .ci/run runs `npm run package` there")
        pytest.skip(
            "build it: npm ci --prefix editors/vscode; npm run --prefix editors/vscode package"
        )
    return zipfile.ZipFile(VSIX)
