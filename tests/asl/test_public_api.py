"""The public surface of the ASL and patterns cores, and the absence of import cycles."""

from __future__ import annotations

import importlib
import subprocess
import sys

import grimp
import pytest

PUBLIC = [
    "eventsmith.asl",
    "eventsmith.asl.syntax",
    "eventsmith.asl.rules",
    "eventsmith.asl.diagram",
    "eventsmith.asl.editor",
    "eventsmith.patterns",
]


@pytest.mark.parametrize("name", PUBLIC)
def test_every_exported_name_exists(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__all__, f"{name} names its API"
    missing = [export for export in module.__all__ if not hasattr(module, export)]
    assert missing == []


def test_the_package_root_exports_its_subpackages_api() -> None:
    import eventsmith.asl as asl
    from eventsmith.asl import diagram, editor, rules, syntax

    left_out = {
        name
        for package in (syntax, rules, diagram, editor)
        for name in package.__all__
        if getattr(asl, name, None) is not getattr(package, name)
    }
    # Lower-level parsing pieces stay in asl.syntax; the diagram's Scope is GraphScope at the
    # root, where Scope is the syntax model's.
    assert left_out <= {
        "JSONATA", "JSONPATH", "JsonResult", "LineIndex", "PathPart", "STATE_TYPES", "Span",
        "Syntax", "TransitionKind", "is_placeholder", "read_json", "substitution_text", "Scope",
    }  # fmt: skip
    assert asl.GraphScope is diagram.Scope
    assert asl.Scope is syntax.Scope


def test_importing_the_api_does_not_load_the_layout_engine() -> None:
    code = "import sys, eventsmith.asl, eventsmith.patterns; print('numpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_no_import_cycles_in_asl_patterns_or_the_cli() -> None:
    graph = grimp.build_graph("eventsmith")
    ours = {
        module
        for module in graph.modules
        if module.startswith(("eventsmith.asl", "eventsmith.patterns", "eventsmith.cli"))
    }
    cycles = set()
    for module in ours:
        for imported in graph.find_modules_directly_imported_by(module) & ours:
            # A package's __init__ importing its own submodules is how it exports them.
            if module.startswith(imported + ".") or imported.startswith(module + "."):
                continue
            if graph.find_shortest_chain(importer=imported, imported=module):
                cycles.add(tuple(sorted((module, imported))))
    assert sorted(cycles) == []
