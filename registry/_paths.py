"""Where the registry file lives when nobody says otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "EVENTSMITH_REGISTRY"


def default_registry_path() -> Path:
    """`$EVENTSMITH_REGISTRY`, else `registry.sqlite3` in the user data dir."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("eventsmith", appauthor=False)) / "registry.sqlite3"
