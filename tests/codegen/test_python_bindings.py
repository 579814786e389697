"""Generated pydantic models: they import, type-check strictly, lint clean and round-trip."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.codegen.conftest import mutate, same_json

ROUND_TRIP = """
import importlib, json, sys
jobs = json.load(open(sys.argv[1], encoding="utf-8"))
results = []
for job in jobs:
    module = importlib.import_module(job["module"])
    for text in job["samples"]:
        results.append(module.to_json(module.from_json(text)))
    rejected = []
    for text in job["invalid"]:
        try:
            module.from_json(text)
            rejected.append(False)
        except Exception as error:
            rejected.append(type(error).__name__ == "ValidationError")
    results.append(rejected)
print(json.dumps(results))
"""


def module_name(path: str) -> str:
    return path.removesuffix("/__init__.py").removesuffix(".py").replace("/", ".")


def run_round_trip(out: Path, jobs: list[dict[str, Any]], tmp_path: Path) -> list[Any]:
    job_file = tmp_path / "jobs.json"
    job_file.write_text(json.dumps(jobs), "utf-8")
    script = tmp_path / "round_trip.py"
    script.write_text(ROUND_TRIP, "utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(job_file)],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(out), "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def test_every_sample_round_trips_to_the_same_json(python_out, cases, tmp_path) -> None:
    out, modules = python_out
    jobs = []
    for case in cases:
        # Missing required keys must be rejected; type changes may be coerced by pydantic's lax
        # mode, so only deletions are asked of the Python side.
        invalid = [
            mutate(case["samples"][m["sample"]], m["pointer"], delete=True)
            for m in case["mutations"]
            if m.get("delete")
        ]
        jobs.append(
            {
                "module": module_name(modules[case["name"]]),
                "samples": [json.dumps(sample, ensure_ascii=False) for sample in case["samples"]],
                "invalid": [json.dumps(sample) for sample in invalid],
            }
        )
    results = iter(run_round_trip(out, jobs, tmp_path))
    for case in cases:
        for sample in case["samples"]:
            dumped = json.loads(next(results))
            assert same_json(dumped, sample), (case["name"], dumped, sample)
        assert all(next(results)), case["name"]


def test_date_times_keep_their_exact_text(python_out, cases, tmp_path) -> None:
    out, modules = python_out
    case = next(c for c in cases if c["name"].endswith("@TicketResolved"))
    sample = case["samples"][1]
    spellings = ["2019-06-21T10:00:00.000+00:00", "2019-06-21T10:00:00Z", "2019-06-21t10:00:00.5z"]
    jobs = [
        {
            "module": module_name(modules[case["name"]]),
            "samples": [json.dumps({**sample, "time": text}) for text in spellings],
            "invalid": [json.dumps({**sample, "time": "2019-06-21T10:00:00"})],  # no offset
        }
    ]
    results = run_round_trip(out, jobs, tmp_path)
    assert [json.loads(text)["time"] for text in results[:3]] == spellings
    assert results[3] == [True]


# mypy spends most of its time on pydantic itself; a cache kept between runs makes reruns quick.
MYPY_CACHE = Path(__file__).parents[2] / ".mypy_cache" / "codegen-tests"


def test_models_pass_mypy_strict(python_out) -> None:
    out, _ = python_out
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", "",
         "--cache-dir", str(MYPY_CACHE), "schema"],
        cwd=out, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout


def test_models_pass_ruff_with_defaults_and_a_strict_rule_set(python_out) -> None:
    # Line length is left out: a long enum value or key is one string no formatter can wrap,
    # and a noqa comment for it is itself an error (RUF100) wherever E501 is off.
    out, _ = python_out
    for selection in ([], ["--select", "E,F,W,I,UP,B,SIM,RUF", "--ignore", "E501"]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--isolated", "--target-version", "py311",
             *selection, "."],
            cwd=out, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr


def test_envelope_uses_aliases_and_typed_detail(python_out, cases) -> None:
    out, modules = python_out
    case = next(c for c in cases if c["name"].endswith("@TicketResolved"))
    source = (out / modules[case["name"]]).read_text("utf-8")
    assert 'detail_type: str = Field(..., alias="detail-type")' in source
    assert "detail: TicketResolved\n" in source
    assert "time: EventTime\n" in source
    assert "tags: dict[str, str] | None = None" in source
    assert "note: str | None = None" in source
    assert "score: int | float | None = None" in source
    assert "class Department(StrEnum):" in source
    assert "items: list[Item] | None = None" in source


def test_keys_that_python_folds_together_get_fields_of_their_own(tmp_path) -> None:
    # Python reads identifiers in NFKC form: `𝐚` (mathematical bold) is `a`, `ﬁle` is `file`.
    from eventsmith.codegen import SchemaInput, generate_bindings, write_bindings

    event = {"a": 1, "\U0001d41a": 2, "file": "f", "\ufb01le": "g", "x": {"b": 1, "\U0001d41b": 2}}
    schema = {
        "type": "object",
        "title": "Folded",
        "properties": {
            "a": {"type": "integer"},
            "\U0001d41a": {"type": "integer"},
            "file": {"type": "string"},
            "\ufb01le": {"type": "string"},
            "x": {
                "type": "object",
                "properties": {"b": {"type": "integer"}, "\U0001d41b": {"type": "integer"}},
                "required": ["b", "\U0001d41b"],
            },
        },
        "required": sorted(event),
    }
    bindings = generate_bindings([SchemaInput("folded", schema, 1)], "python", "flat")
    assert not bindings.problems
    write_bindings(tmp_path, bindings)
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", "",
         "--cache-dir", str(MYPY_CACHE), "."],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    (module,) = [file.path for file in bindings.files if file.path.suffix == ".py"]
    script = (
        "import json, sys; sys.path.insert(0, '.');"
        f"from {module_name(str(module))} import from_json, to_json;"
        f"text = {json.dumps(json.dumps(event))};"
        "assert json.loads(to_json(from_json(text))) == json.loads(text); print('ok')"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert ran.stdout.strip() == "ok", ran.stderr
