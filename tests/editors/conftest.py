"""The VS Code extension as `.ci/run` packages it (`npm run package` in editors/vscode)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

EXTENSION = Path(__file__).parents[2] / "editors" / "vscode"
VSIX = EXTENSION / "eventsmith.vsix"


@pytest.fixture(scope="session")
def vsix() -> zipfile.ZipFile:
    if not VSIX.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{VSIX} was not built: .ci/run runs `npm run package` there")
        pytest.skip(
            "build it: npm ci --prefix editors/vscode; npm run --prefix editors/vscode package"
        )
    return zipfile.ZipFile(VSIX)
