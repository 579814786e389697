"""Bindings for schemas whose documents are not objects (issue 13: a bare integer, or an anyOf of
an array and an object, gave an empty class, and `from_json('123')` failed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from eventsmith.codegen import SchemaInput, generate_bindings, write_bindings
from tests.codegen.test_python_bindings import MYPY_CACHE
from tests.codegen.test_typescript_bindings import compile_ts, run_guards

SCHEMAS: dict[str, dict[str, Any]] = {
    "number": {"title": "Count", "type": "integer"},
    "mixed": {
        "title": "Mixed",
        "anyOf": [
            {"type": "array", "items": {"type": "integer"}},
            {
                "type": "object",
                "properties": {"a": {"type": "integer"}, "b": {"type": "string"}},
                "required": ["a"],
            },
        ],
    },
    "list": {"title": "Names", "type": "array", "items": {"type": "string"}},
}
SAMPLES = {"number": ["123"], "mixed": ["[1, 2]", '{"a": 1, "b": "x"}'], "list": ['["x", "y"]']}
WRONG = {"number": ['"text"'], "mixed": ['{"b": "x"}', '["x"]'], "list": ["[1]"]}
ROOTS = {"number": "Count", "mixed": "Mixed", "list": "Names"}


def generated(tmp_path: Path, language: str) -> dict[str, str]:
    inputs = [SchemaInput(name, schema, 1) for name, schema in SCHEMAS.items()]
    bindings = generate_bindings(inputs, language, "flat")
    assert not bindings.problems
    write_bindings(tmp_path, bindings)
    return {file.schema: str(file.path) for file in bindings.files if file.schema}


def test_python_root_models_parse_and_dump_documents_that_are_not_objects(tmp_path) -> None:
    modules = generated(tmp_path, "python")
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", "",
         "--cache-dir", str(MYPY_CACHE), *modules.values()],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for name, module in modules.items():
        source = (tmp_path / module).read_text()
        assert f"class {ROOTS[name]}(RootModel[" in source, source
        script = (
            "import json, sys, pydantic; sys.path.insert(0, '.');"
            f"from {module.removesuffix('.py')} import from_json, to_json;"
            f"good = {SAMPLES[name]!r}; bad = {WRONG[name]!r};"
            "assert all(json.loads(to_json(from_json(t))) == json.loads(t) for t in good);"
            "rejected = 0\n"
            "for t in bad:\n"
            "    try: from_json(t)\n"
            "    except pydantic.ValidationError: rejected += 1\n"
            "assert rejected == len(bad), rejected; print('ok')"
        )
        ran = subprocess.run(
            [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True
        )
        assert ran.stdout.strip() == "ok", ran.stderr


def test_typescript_types_and_guards_for_documents_that_are_not_objects(tmp_path) -> None:
    out = tmp_path / "ts"
    modules = generated(out, "typescript")
    build = tmp_path / "js"
    compile_ts(out, sorted(modules.values()), build)
    jobs = [
        {
            "module": str(build / modules[name]).removesuffix(".ts") + ".js",
            "root": ROOTS[name],
            "samples": SAMPLES[name],
            "mutants": WRONG[name],
        }
        for name in SCHEMAS
    ]
    results = run_guards(jobs, tmp_path)
    expected = [len(SAMPLES[name]) * [True] + len(WRONG[name]) * [False] for name in SCHEMAS]
    assert [r["accepted"] for r in results] == [flag for row in expected for flag in row]
    for result in results:
        if result["accepted"]:
            assert isinstance(result["parsed"], int | list | dict), result
        else:
            assert result["thrown"]["isClass"], result
    source = (out / modules["mixed"]).read_text()
    assert "export type Mixed = Array<number> | Mixed2;" in source
