"""Python bindings generated in forked worker processes: the same bytes, the same errors."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from eventsmith.codegen import SchemaInput, generate_bindings, input_from_version
from eventsmith.codegen import _python as python_backend
from eventsmith.codegen import _workers as workers
from eventsmith.codegen._generate import type_model_of
from eventsmith.registry import Registry
from tests.codegen.conftest import run_cli

TEST_PROCESS = os.getpid()


def inputs(cases: list[dict[str, Any]], copies: int = 1) -> list[SchemaInput]:
    """The corpus, `copies` times under different names (the same schema, many sources)."""
    return [
        SchemaInput(f"{case['name']}{copy or ''}", case["schema"], 1)
        for copy in range(copies)
        for case in cases
    ]


def contents(bindings) -> dict[str, str]:
    return {str(file.path): file.content for file in bindings.files}


@pytest.fixture
def in_process(monkeypatch: pytest.MonkeyPatch):
    """Generate without workers, for reference output."""

    def generate(schemas: list[SchemaInput]) -> dict[str, str]:
        with monkeypatch.context() as patch:
            patch.setattr(python_backend, "fork_slots", lambda: 1)
            return contents(generate_bindings(schemas, "python"))

    return generate


@pytest.fixture
def split_everything(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every schema of the corpus in a worker of its own, even on a one-CPU machine.

    Returns the list that receives the number of chunks of each forked run. `fork_slots` is
    replaced, so this forks even when the test process holds idle native threads (numpy's
    BLAS pool, imported by the ASL tests), which the code under test would not do: those
    threads hold no lock the children need, and the tests then run in every suite.
    """
    runs: list[int] = []
    forked = workers.map_forked

    def counting(function, items):
        runs.append(len(items))
        return forked(function, items)

    monkeypatch.setattr(python_backend, "_CLASSES_PER_WORKER", 1)
    monkeypatch.setattr(python_backend, "fork_slots", lambda: 8)
    monkeypatch.setattr(python_backend, "map_forked", counting)
    return runs


def test_workers_give_the_same_modules_as_one_process(cases, in_process, split_everything):
    expected = in_process(inputs(cases, copies=2))
    assert contents(generate_bindings(inputs(cases, copies=2), "python")) == expected
    assert len(split_everything) == 1
    assert split_everything[0] > 2


def reject(schema_title: str):
    """A generator that fails on the schema with this title, saying which process failed."""

    def run(document: dict[str, Any]) -> object:
        if schema_title in json.dumps(document):
            message = f"cannot generate {schema_title} in process {os.getpid()}"
            raise python_backend.PythonGenerationError(message)
        return original(document)

    original = python_backend._run_generator
    return run


def test_an_error_in_a_worker_is_raised_here_as_the_same_error(
    cases, monkeypatch, split_everything
) -> None:
    title = cases[-1]["schema"]["title"]
    monkeypatch.setattr(python_backend, "_run_generator", reject(title))
    models = [type_model_of(schema) for schema in inputs(cases)]
    with pytest.raises(
        python_backend.PythonGenerationError, match=f"^cannot generate {title} "
    ) as raised:
        python_backend.generate_python(models, ["header"] * len(models))
    assert int(str(raised.value).rpartition(" ")[2]) != TEST_PROCESS
    assert split_everything == [3]


def test_the_schema_a_worker_rejects_becomes_a_problem(cases, monkeypatch, split_everything):
    title = cases[-1]["schema"]["title"]
    monkeypatch.setattr(python_backend, "_run_generator", reject(title))
    bindings = generate_bindings(inputs(cases, copies=2), "python")
    # The batch fails in a worker; each schema is then generated alone, and only the copies
    # of the rejected one fail.
    rejected = sorted(s.name for s in inputs(cases, copies=2) if s.content["title"] == title)
    assert sorted(problem.schema for problem in bindings.problems) == rejected
    assert all(title in problem.message for problem in bindings.problems)
    assert len([file for file in bindings.files if file.schema]) == 4


def test_a_worker_that_dies_is_a_generation_error_and_the_run_recovers(
    cases, monkeypatch, in_process, split_everything
) -> None:
    original = python_backend._run_generator

    def die_in_a_worker(document: dict[str, Any]) -> object:
        if os.getpid() != TEST_PROCESS:
            os._exit(3)
        return original(document)

    monkeypatch.setattr(python_backend, "_run_generator", die_in_a_worker)
    models = [type_model_of(schema) for schema in inputs(cases)]
    with pytest.raises(python_backend.PythonGenerationError, match="exit code 3"):
        python_backend.generate_python(models, ["header"] * len(models))
    # Through the pipeline, the schemas are then generated one at a time in this process.
    bindings = generate_bindings(inputs(cases), "python")
    assert bindings.problems == ()
    assert contents(bindings) == in_process(inputs(cases))


def test_the_command_with_workers_writes_the_same_files(cases, in_process, tmp_path: Path):
    # Ten copies of the corpus are about 200 classes: enough for two workers on two CPUs.
    registry_path = tmp_path / "registry.db"
    with Registry(registry_path) as registry:
        for schema in inputs(cases, copies=10):
            registry.update_schema(schema.name, lambda _latest, s=schema.content: s)
        stored = [
            input_from_version(registry.get_version(info.name), info)
            for info in registry.list_schemas()
        ]
    out = tmp_path / "out"
    result = run_cli(registry_path, "codegen", "--all", "--lang", "python", "--out", str(out))
    assert result.returncode == 0, result.stderr
    written = {
        str(path.relative_to(out)): path.read_text("utf-8")
        for path in out.rglob("*")
        if path.is_file()
    }
    assert written == in_process(stored)


def test_map_forked_keeps_order_and_raises_a_worker_error_as_its_own_type() -> None:
    assert workers.map_forked(lambda n: (n, os.getpid() == TEST_PROCESS), [1, 2, 3]) == [
        (1, True),
        (2, False),
        (3, False),
    ]

    def reject_two(n: int) -> int:
        if n == 2:
            raise ValueError("two is rejected")
        return n

    with pytest.raises(ValueError, match=r"^two is rejected$"):
        workers.map_forked(reject_two, [1, 2, 3])


def test_a_result_that_cannot_travel_is_a_worker_error() -> None:
    with pytest.raises(workers.WorkerError, match="pickle"):
        workers.map_forked(lambda n: lambda: n, [1, 2])


def test_no_forking_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert workers.fork_slots() == 1
    finally:
        stop.set()
        thread.join()
