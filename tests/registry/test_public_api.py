"""The registry, events and codegen roots: every exported name resolves, and the light path
(store and discovery) does not pay for jsonschema and PyYAML."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "package", ["eventsmith.events", "eventsmith.registry", "eventsmith.codegen"]
)
def test_every_exported_name_resolves(package: str) -> None:
    module = importlib.import_module(package)
    missing = [name for name in module.__all__ if getattr(module, name, None) is None]
    assert missing == []


def test_the_store_and_discovery_load_without_formats_and_validation() -> None:
    probe = (
        "import sys\n"
        "from eventsmith.registry import Registry, run_discovery, SchemaIndex\n"
        "print(sorted(m for m in ('jsonschema', 'yaml') if m in sys.modules))\n"
        "from eventsmith.registry import validate_events\n"
        "print('jsonschema' in sys.modules)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split("\n")
    assert output[:2] == ["[]", "True"]


def test_an_unknown_name_is_an_attribute_error() -> None:
    import eventsmith.registry

    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        eventsmith.registry.nothing_here  # noqa: B018
