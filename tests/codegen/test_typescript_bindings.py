"""Generated TypeScript: compiles with `tsc --strict`, and its guards work when run under node."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.codegen.conftest import mutate, require_tool

GUARDS = """
const fs = require("fs");
const path = require("path");
const jobs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const results = [];
for (const job of jobs) {
  const mod = require(path.resolve(job.module));
  const is = mod["is" + job.root];
  const parse = mod["parse" + job.root];
  for (const text of job.samples) {
    let parsed = null;
    try { parsed = parse(text); } catch (error) { parsed = String(error); }
    results.push({ accepted: is(JSON.parse(text)), parsed });
  }
  for (const text of job.mutants) {
    let thrown = null;
    try { parse(text); } catch (error) {
      const isClass = error instanceof mod.EventParseError;
      thrown = { name: error.name, path: error.path, isClass };
    }
    results.push({ accepted: is(JSON.parse(text)), thrown });
  }
}
console.log(JSON.stringify(results));
"""


def compile_ts(out: Path, files: list[str], build: Path) -> None:
    """One tsc run: a type error under --strict fails it just as `--noEmit` would."""
    tsc = require_tool("tsc")
    options = ["--strict", "--target", "es2020", "--module", "commonjs", "--skipLibCheck"]
    paths = [str(out / file) for file in files]
    built = subprocess.run(
        [tsc, *options, "--rootDir", str(out), "--outDir", str(build), *paths],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr


def run_guards(jobs: list[dict[str, Any]], tmp_path: Path) -> list[dict[str, Any]]:
    node = require_tool("node")
    (tmp_path / "jobs.json").write_text(json.dumps(jobs), "utf-8")
    (tmp_path / "guards.js").write_text(GUARDS, "utf-8")
    result = subprocess.run(
        [node, str(tmp_path / "guards.js"), str(tmp_path / "jobs.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


@pytest.fixture(scope="module")
def built(typescript_out, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The generated modules compiled to JavaScript (after a strict type check)."""
    out, modules = typescript_out
    build = tmp_path_factory.mktemp("js")
    compile_ts(out, sorted(modules.values()), build)
    return build, modules


def test_guards_accept_samples_and_reject_mutants_at_the_right_path(built, cases, tmp_path):
    build, modules = built
    jobs = []
    for case in cases:
        mutants = [
            mutate(case["samples"][m["sample"]], m["pointer"], delete=bool(m.get("delete")),
                   value=m.get("value"))
            for m in case["mutations"]
        ]  # fmt: skip
        jobs.append(
            {
                "module": str(build / modules[case["name"]].replace(".ts", ".js")),
                "root": "AWSEvent",
                "samples": [json.dumps(s, ensure_ascii=False) for s in case["samples"]],
                "mutants": [json.dumps(m, ensure_ascii=False) for m in mutants],
            }
        )
    results = iter(run_guards(jobs, tmp_path))
    for case in cases:
        for sample in case["samples"]:
            result = next(results)
            assert result["accepted"] is True, (case["name"], sample)
            assert result["parsed"] == sample, case["name"]
        for mutation in case["mutations"]:
            result = next(results)
            assert result["accepted"] is False, (case["name"], mutation)
            expected = {"name": "EventParseError", "path": mutation["path"], "isClass": True}
            assert result["thrown"] == expected, (case["name"], mutation)


def test_interfaces_read_like_the_schema(typescript_out, cases) -> None:
    out, modules = typescript_out
    case = next(c for c in cases if c["name"].endswith("@TicketResolved"))
    source = (out / modules[case["name"]]).read_text("utf-8")
    assert '  "detail-type": string;\n' in source
    assert "  /** @format date-time */\n  time: string;\n" in source
    assert "  detail: TicketResolved;\n" in source
    assert "  department: Department;\n" in source
    assert 'export type Department = "billing" | "fulfillment";' in source
    assert "  tags?: Record<string, string>;\n" in source
    assert "  note?: string | null;\n" in source
    assert "  items?: Array<Item>;\n" in source
    assert "export function isAWSEvent(value: unknown): value is AWSEvent {" in source
    assert "export function parseAWSEvent(json: string): AWSEvent {" in source


def test_hostile_text_cannot_close_a_comment_or_a_string(typescript_out, cases) -> None:
    out, modules = typescript_out
    case = next(c for c in cases if "evil" in c["name"])
    source = (out / modules[case["name"]]).read_text("utf-8")
    for block in source.split("/**")[1:]:
        comment = block.split("*/", 1)[0]
        continued = comment.splitlines()[1:]
        assert all(line.lstrip().startswith("*") or not line.strip() for line in continued)
    assert "*\\/ alert(1) /*" in source
    assert '"line\\nbreak"?: string;' in source
    # Keys keep their text (ASCII-escaped); type names are ASCII identifiers.
    assert '  "\\u6ce8\\u6587"?: Value;\n' in source
    assert '  "quote\\"key"?: string;\n' in source
