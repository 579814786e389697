"""The library pipeline: batching and the cache never change a byte of the output."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventsmith.codegen import SchemaInput, SourceCache, generate_bindings
from eventsmith.codegen import _python as python_backend


def inputs(cases) -> list[SchemaInput]:
    return [SchemaInput(case["name"], case["schema"], 1) for case in cases]


def contents(bindings) -> dict[str, str]:
    return {str(file.path): file.content for file in bindings.files}


def test_one_batch_gives_the_same_modules_as_one_schema_at_a_time(cases) -> None:
    together = contents(generate_bindings(inputs(cases), "python"))
    alone: dict[str, str] = {}
    for schema in inputs(cases):
        alone |= contents(generate_bindings([schema], "python"))
    assert together == alone


def test_cached_modules_are_reused_and_identical(cases, tmp_path: Path, monkeypatch) -> None:
    cache = SourceCache(tmp_path)
    fresh = contents(generate_bindings(inputs(cases), "python"))
    assert contents(generate_bindings(inputs(cases), "python", cache=cache)) == fresh

    def refuse(document: object) -> object:
        raise AssertionError("the generator ran although every module was cached")

    monkeypatch.setattr(python_backend, "_run_generator", refuse)
    assert contents(generate_bindings(inputs(cases), "python", cache=cache)) == fresh

    changed = SchemaInput(cases[0]["name"], {**cases[0]["schema"], "description": "new"}, 2)
    with pytest.raises(AssertionError, match="the generator ran"):
        generate_bindings([changed], "python", cache=cache)


def test_a_schema_the_generator_rejects_becomes_a_problem(cases, monkeypatch) -> None:
    def fail(document: object) -> object:
        raise python_backend.PythonGenerationError("boom")

    monkeypatch.setattr(python_backend, "_run_generator", fail)
    bindings = generate_bindings(inputs(cases[:1]), "python")
    assert [problem.schema for problem in bindings.problems] == [cases[0]["name"]]
    assert bindings.files == ()
